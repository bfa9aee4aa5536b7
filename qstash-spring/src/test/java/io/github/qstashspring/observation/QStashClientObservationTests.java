package io.github.qstashspring.observation;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashApiException;
import io.github.qstashspring.client.QStashConnectionException;
import io.github.qstashspring.client.QStashRateLimitException;
import io.github.qstashspring.client.QStashTemplate;
import io.github.qstashspring.client.TransportRetryPolicy;
import io.github.qstashspring.testsupport.QStashWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QStashClientObservationTests {

    private final WireMockServer qstash = QStashWireMock.server();

    @BeforeEach
    void start() {
        this.qstash.start();
    }

    @AfterEach
    void stop() {
        this.qstash.stop();
    }

    private QStashTemplate template(ObservationRegistry registry) {
        return QStashTemplate.builder()
            .url(this.qstash.baseUrl())
            .token("t")
            .retryPolicy(new TransportRetryPolicy(1, Duration.ofMillis(1)))
            .observer(new QStashClientObservationCallObserver(registry, null))
            .build();
    }

    @Test
    void successfulPublishIsObservedWithOperationDestinationKindOutcomeAndStatus() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"messageId\":\"m\"}")));
        TestObservationRegistry registry = TestObservationRegistry.create();

        template(registry).publish(PublishRequest.to("https://x.test/a").queue("q").body("x"));

        assertThat(registry).hasSingleObservationThat()
            .hasNameEqualTo("qstash.client.requests")
            .hasContextualNameEqualTo("qstash enqueue")
            .hasLowCardinalityKeyValue("qstash.operation", "enqueue")
            .hasLowCardinalityKeyValue("qstash.destination.kind", "queue")
            .hasLowCardinalityKeyValue("outcome", "SUCCESS")
            .hasLowCardinalityKeyValue("status", "201")
            .doesNotHaveError()
            .hasBeenStopped();
    }

    @Test
    void clientErrorIsObservedWithItsStatusAndError() {
        this.qstash
            .stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody("{\"error\":\"not found\"}")));
        TestObservationRegistry registry = TestObservationRegistry.create();

        assertThatExceptionOfType(QStashApiException.class).isThrownBy(() -> template(registry).queues().get("nope"));

        assertThat(registry).hasSingleObservationThat()
            .hasLowCardinalityKeyValue("qstash.operation", "queues.get")
            .hasLowCardinalityKeyValue("qstash.destination.kind", "queue")
            .hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
            .hasLowCardinalityKeyValue("status", "404")
            .assertThatError()
            .isInstanceOf(QStashApiException.class);
    }

    @Test
    void serverErrorAndRateLimitHaveTheirOwnOutcomes() {
        this.qstash.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));
        this.qstash
            .stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Burst-RateLimit-Limit", "1")));
        TestObservationRegistry registry = TestObservationRegistry.create();
        QStashTemplate template = template(registry);

        assertThatExceptionOfType(QStashApiException.class).isThrownBy(() -> template.schedules().list());
        assertThatExceptionOfType(QStashRateLimitException.class).isThrownBy(() -> template.signingKeys().rotate());

        assertThat(registry).hasNumberOfObservationsEqualTo(2)
            .hasAnObservation(
                    (observation) -> observation.hasLowCardinalityKeyValue("qstash.operation", "schedules.list")
                        .hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
                        .hasLowCardinalityKeyValue("status", "503"))
            .hasAnObservation(
                    (observation) -> observation.hasLowCardinalityKeyValue("qstash.operation", "signingKeys.rotate")
                        .hasLowCardinalityKeyValue("outcome", "RATE_LIMITED")
                        .hasLowCardinalityKeyValue("qstash.destination.kind", "none"));
    }

    @Test
    void networkFailureIsOneObservationCoveringAllRetries() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        TestObservationRegistry registry = TestObservationRegistry.create();

        assertThatExceptionOfType(QStashConnectionException.class)
            .isThrownBy(() -> template(registry).publish(PublishRequest.toUrlGroup("grp").body("x")));

        assertThat(registry).hasSingleObservationThat()
            .hasLowCardinalityKeyValue("qstash.destination.kind", "url_group")
            .hasLowCardinalityKeyValue("outcome", "NETWORK_ERROR")
            .hasLowCardinalityKeyValue("status", "NONE");
    }

    @Test
    void observationsBecomeATimerWithMicrometerMetrics() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"m\"}")));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));

        template(registry).publish(PublishRequest.to("https://x.test/a").body("x"));

        Timer timer = meters.get("qstash.client.requests")
            .tag("qstash.operation", "publish")
            .tag("qstash.destination.kind", "url")
            .tag("outcome", "SUCCESS")
            .tag("status", "200")
            .timer();
        assertThat(timer.count()).isEqualTo(1);
    }

}
