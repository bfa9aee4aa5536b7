package io.github.qstashspring.client;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.github.qstashspring.testsupport.QStashWireMock;

/**
 * Base of the client tests: a real WireMock server standing in for QStash, and a template
 * aimed at it. Every test runs once per {@link HttpTransport}, so both HTTP clients are
 * held to the same wire format.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransport.class, names = { "HTTP_COMPONENTS", "JDK" })
abstract class WireMockQStash {

    static final String TOKEN = "test-token";

    @Parameter
    HttpTransport transport;

    WireMockServer qstash;

    QStashTemplate template;

    @BeforeEach
    void startQStash() {
        this.qstash = QStashWireMock.server();
        this.qstash.start();
        this.template = templateBuilder().build();
    }

    @AfterEach
    void stopQStash() {
        this.qstash.stop();
    }

    QStashTemplate.Builder templateBuilder() {
        return QStashTemplate.builder()
            .url(this.qstash.baseUrl() + "/")
            .token(TOKEN)
            .httpTransport(this.transport)
            .retryPolicy(new TransportRetryPolicy(2, Duration.ofMillis(1)));
    }

}
