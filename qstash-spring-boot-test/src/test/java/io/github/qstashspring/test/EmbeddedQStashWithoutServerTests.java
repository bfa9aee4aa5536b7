package io.github.qstashspring.test;

import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.signature.QStashSignatureClaims;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EmbeddedQStash} in an application without a web server: the broker still runs
 * and delivers, here to a WireMock destination outside the application, signed with its
 * keys.
 */
@SpringBootTest(classes = OrderTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedQStash
class EmbeddedQStashWithoutServerTests {

    static WireMockServer destination = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    static void startDestination() {
        destination.start();
        destination.stubFor(post(urlEqualTo("/hooks/invoices")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stopDestination() {
        destination.stop();
    }

    @Autowired
    QStashOperations template;

    @Autowired
    QStashTestBroker qstash;

    @Test
    void deliversSignedMessagesToAnExternalDestination() {
        String url = destination.baseUrl() + "/hooks/invoices";
        String messageId = this.template.publish(PublishRequest.to(url).body("invoice 7")).messageId();

        this.qstash.awaitDelivered(messageId);

        LoggedRequest request = destination.findAll(postRequestedFor(urlEqualTo("/hooks/invoices"))).get(0);
        QStashSignatureClaims claims = QStashSignatureVerifier.builder()
            .currentSigningKey(this.qstash.getBroker().getCurrentSigningKey())
            .nextSigningKey(this.qstash.getBroker().getNextSigningKey())
            .build()
            .verify(request.getHeader("Upstash-Signature"), "invoice 7".getBytes(StandardCharsets.UTF_8), url);
        assertThat(claims.subject()).isEqualTo(url);
        assertThat(request.getHeader("Upstash-Message-Id")).isEqualTo(messageId);
        assertThat(this.qstash.received()).isEmpty();
    }

    @Test
    void urlExplainsThatThereIsNoServerToDeliverTo() {
        assertThatIllegalStateException().isThrownBy(() -> this.qstash.url("/qstash/orders"))
            .withMessageContaining("webEnvironment = WebEnvironment.RANDOM_PORT");
    }

}
