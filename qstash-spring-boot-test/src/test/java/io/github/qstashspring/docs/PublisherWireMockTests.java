package io.github.qstashspring.docs;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.test.OrderTestApplication;
import io.github.qstashspring.test.OrderTestApplication.Order;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/testing.md, "Testing against WireMock": WireMock stands in for the QStash API. */
@SpringBootTest(classes = OrderTestApplication.class,
        properties = { "qstash.current-signing-key=sig_test_current", "qstash.next-signing-key=sig_test_next" })
class PublisherWireMockTests {

    static WireMockServer qstash = new WireMockServer(
            WireMockConfiguration.options().dynamicPort().http2PlainDisabled(true));

    @DynamicPropertySource
    static void qstashProperties(DynamicPropertyRegistry registry) {
        qstash.start();
        registry.add("qstash.url", qstash::baseUrl);
        registry.add("qstash.token", () -> "test-token");
    }

    @AfterAll
    static void stopQStash() {
        qstash.stop();
    }

    @Autowired
    QStashOperations template;

    @Test
    void publishSendsTheDestinationRawWithTheOptionsAsHeaders() {
        qstash.stubFor(post(urlEqualTo("/v2/publish/https://my.app/qstash/orders"))
            .willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        String messageId = this.template.publishJson("https://my.app/qstash/orders", new Order("o-1", 2)).messageId();

        assertThat(messageId).isEqualTo("msg_1");
        qstash.verify(postRequestedFor(urlEqualTo("/v2/publish/https://my.app/qstash/orders"))
            .withHeader("Authorization", equalTo("Bearer test-token"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"id\":\"o-1\",\"quantity\":2}")));
    }

}
