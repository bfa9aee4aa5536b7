package io.github.qstashspring.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@code maxConnections} bounds the connections of the HttpClient 5 transport: a call
 * that finds them all busy waits at most the connect timeout for one, and then fails as a
 * network error; the template closes the client it created, never one it was given.
 */
class HttpComponentsPoolTests {

    private final WireMockServer qstash = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeEach
    void start() {
        this.qstash.start();
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"m\"}").withFixedDelay(3000)));
    }

    @AfterEach
    void stop() {
        this.qstash.stop();
    }

    private QStashTemplate templateWith(int maxConnections) {
        return QStashTemplate.builder()
            .url(this.qstash.baseUrl())
            .token("t")
            .httpTransport(HttpTransport.HTTP_COMPONENTS)
            .maxConnections(maxConnections)
            .connectTimeout(Duration.ofMillis(200))
            .retryPolicy(TransportRetryPolicy.none())
            .build();
    }

    private CompletableFuture<PublishResponse> publishInBackground(QStashTemplate template) {
        CompletableFuture<PublishResponse> first = CompletableFuture
            .supplyAsync(() -> template.publish(PublishRequest.to("https://x.test/first").body("1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.qstash.findAll(postRequestedFor(anyUrl())).size() == 1);
        return first;
    }

    @Test
    void aCallFindingEveryConnectionBusyFailsAfterTheConnectTimeout() {
        QStashTemplate template = templateWith(1);
        CompletableFuture<PublishResponse> first = publishInBackground(template);

        assertThatExceptionOfType(QStashConnectionException.class)
            .isThrownBy(() -> template.publish(PublishRequest.to("https://x.test/second").body("2")));
        assertThat(first.join().messageId()).isEqualTo("m");
        this.qstash.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void aCallFindingAFreeConnectionIsSent() {
        QStashTemplate template = templateWith(2);
        CompletableFuture<PublishResponse> first = publishInBackground(template);

        assertThat(template.publish(PublishRequest.to("https://x.test/second").body("2")).messageId()).isEqualTo("m");
        assertThat(first.join().messageId()).isEqualTo("m");
        this.qstash.verify(2, postRequestedFor(anyUrl()));
    }

    @Test
    void closingTheTemplateClosesTheHttpClientItCreated() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"m\"}")));
        QStashTemplate template = templateWith(2);
        assertThat(template.publish(PublishRequest.to("https://x.test/before").body("1")).messageId()).isEqualTo("m");

        template.close();

        assertThatIllegalStateException()
            .isThrownBy(() -> template.publish(PublishRequest.to("https://x.test/after").body("2")))
            .withMessage("Connection pool shut down");
        this.qstash.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void closingTheTemplateLeavesARequestFactoryItWasGivenOpen() throws Exception {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"m\"}")));
        HttpComponentsClientHttpRequestFactory given = new HttpComponentsClientHttpRequestFactory();
        try {
            QStashTemplate.Builder builder = QStashTemplate.builder()
                .url(this.qstash.baseUrl())
                .token("t")
                .requestFactory(given)
                .retryPolicy(TransportRetryPolicy.none());
            builder.build().close();

            assertThat(builder.build().publish(PublishRequest.to("https://x.test/after").body("2")).messageId())
                .isEqualTo("m");
        }
        finally {
            given.destroy();
        }
    }

    @Test
    void maxConnectionsMustBePositive() {
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> QStashTemplate.builder().maxConnections(0));
    }

}
