package io.github.qstashspring.client;

import java.time.Duration;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class QStashTemplateErrorTests extends WireMockQStash {

    private void answerPublishWith(int status, String body) {
        this.qstash.stubFor(post(anyUrl())
            .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private QStashApiException publishFails() {
        return assertThatExceptionOfType(QStashApiException.class)
            .isThrownBy(() -> this.template.publish(PublishRequest.to("https://x.test/a").body("x")))
            .actual();
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 404, 405, 412, 500, 503 })
    void errorStatusesBecomeApiExceptionsWithQStashsErrorText(int status) {
        answerPublishWith(status, "{\"error\":\"something about " + status + "\"}");

        QStashApiException ex = publishFails();

        assertThat(ex).isExactlyInstanceOf(QStashApiException.class);
        assertThat(ex.getStatus()).isEqualTo(status);
        assertThat(ex.getError()).isEqualTo("something about " + status);
        assertThat(ex).hasMessage("QStash answered " + status + ": something about " + status);
    }

    @Test
    void invalidDestinationErrorIsReportedVerbatim() {
        answerPublishWith(400,
                "{\"error\":\"invalid destination url: endpoint has invalid scheme, add http:// or https://\"}");

        assertThat(publishFails().getError())
            .isEqualTo("invalid destination url: endpoint has invalid scheme, add http:// or https://");
    }

    @Test
    void nonJsonErrorBodyIsReportedRaw() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

        QStashApiException ex = publishFails();

        assertThat(ex.getStatus()).isEqualTo(502);
        assertThat(ex.getError()).isEqualTo("Bad Gateway");
    }

    @Test
    void emptyErrorBodyIsReportedAsTheStatus() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)));

        assertThat(publishFails().getError()).isEqualTo("status=401");
    }

    @Test
    void dailyQuotaIsADailyRateLimitException() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429)
            .withHeader("RateLimit-Limit", "1000")
            .withHeader("RateLimit-Remaining", "0")
            .withHeader("RateLimit-Reset", "1700086400")
            .withBody("{\"error\":\"daily limit exceeded\"}")));

        assertThat(publishFails()).asInstanceOf(type(QStashDailyRateLimitException.class)).satisfies((ex) -> {
            assertThat(ex.getStatus()).isEqualTo(429);
            assertThat(ex.getError()).isEqualTo("daily limit exceeded");
            assertThat(ex.getLimit()).isEqualTo(1000);
            assertThat(ex.getRemaining()).isZero();
            assertThat(ex.getReset()).isEqualTo(1700086400L);
        });
    }

    @Test
    void burstLimitIsABurstRateLimitException() {
        this.qstash.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429)
            .withHeader("Burst-RateLimit-Limit", "100")
            .withHeader("Burst-RateLimit-Remaining", "0")
            .withHeader("Burst-RateLimit-Reset", "1700000001")
            .withBody("{\"error\":\"too many requests\"}")));

        assertThatExceptionOfType(QStashBurstRateLimitException.class)
            .isThrownBy(() -> this.template.schedules().list())
            .satisfies((ex) -> {
                assertThat(ex.getLimit()).isEqualTo(100);
                assertThat(ex.getRemaining()).isZero();
                assertThat(ex.getReset()).isEqualTo(1700000001L);
                assertThat(ex.getError()).isEqualTo("too many requests");
            });
        this.qstash.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void rateLimitWithoutHeadersIsAPlainRateLimitException() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429).withBody("slow down")));

        assertThat(publishFails()).isExactlyInstanceOf(QStashRateLimitException.class)
            .asInstanceOf(type(QStashRateLimitException.class))
            .satisfies((ex) -> assertThat(ex.getLimit()).isNull());
    }

    @Test
    void httpErrorsAreNeverRetried() {
        answerPublishWith(500, "{\"error\":\"internal\"}");

        publishFails();

        this.qstash.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void networkErrorIsRetriedAndTheCallSucceeds() {
        this.qstash.stubFor(post(anyUrl()).inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("recovered"));
        this.qstash.stubFor(post(anyUrl()).inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        PublishResponse response = this.template.publish(PublishRequest.to("https://x.test/a").body("x"));

        assertThat(response.messageId()).isEqualTo("msg_1");
        this.qstash.verify(2, postRequestedFor(anyUrl()));
    }

    @Test
    void persistentNetworkErrorSurfacesAfterAllRetries() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertThatExceptionOfType(QStashConnectionException.class)
            .isThrownBy(() -> this.template.publish(PublishRequest.to("https://x.test/a").body("x")))
            .withMessageContaining("QStash publish failed on the network after 3 attempt(s)");
        this.qstash.verify(3, postRequestedFor(anyUrl()));
    }

    @Test
    void disabledRetriesSurfaceTheFirstNetworkError() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        QStashTemplate noRetries = templateBuilder().retryPolicy(TransportRetryPolicy.none()).build();

        assertThatExceptionOfType(QStashConnectionException.class)
            .isThrownBy(() -> noRetries.publish(PublishRequest.to("https://x.test/a").body("x")))
            .withMessageContaining("after 1 attempt(s)");
        this.qstash.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void disabledRetriesMeanOneAttemptAlsoForAnIdempotentCall() {
        // An empty answer to a GET is what HTTP clients retry on their own by default;
        // HttpClient 5's
        // retries are turned off, the JDK client's cannot be (only by JVM-wide system
        // properties).
        assumeTrue(this.transport == HttpTransport.HTTP_COMPONENTS, "the JDK client retries a GET by itself");
        this.qstash.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        QStashTemplate noRetries = templateBuilder().retryPolicy(TransportRetryPolicy.none()).build();

        assertThatExceptionOfType(QStashConnectionException.class).isThrownBy(() -> noRetries.signingKeys().get())
            .withMessageContaining("after 1 attempt(s)");
        this.qstash.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void readTimeoutIsANetworkError() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"m\"}").withFixedDelay(2000)));
        QStashTemplate impatient = templateBuilder().readTimeout(Duration.ofMillis(200))
            .retryPolicy(TransportRetryPolicy.none())
            .build();

        assertThatExceptionOfType(QStashConnectionException.class)
            .isThrownBy(() -> impatient.publish(PublishRequest.to("https://x.test/a").body("x")));
    }

    @Test
    void aBodyThatStopsComingIsAReadTimeoutToo() {
        // Headers at once, then the body in pieces over 3 s: the timeout bounds the whole
        // answer, not only the wait for its headers.
        this.qstash
            .stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"m\",\"padding\":\"" + "x".repeat(2000) + "\"}")
                .withChunkedDribbleDelay(20, 3000)));
        QStashTemplate impatient = templateBuilder().readTimeout(Duration.ofMillis(500))
            .retryPolicy(TransportRetryPolicy.none())
            .build();

        assertThatExceptionOfType(QStashConnectionException.class)
            .isThrownBy(() -> impatient.publish(PublishRequest.to("https://x.test/a").body("x")));
    }

    @Test
    void unreachableQStashIsAConnectionException() {
        String url = this.qstash.baseUrl();
        this.qstash.stop();
        QStashTemplate template = QStashTemplate.builder()
            .url(url)
            .token(TOKEN)
            .httpTransport(this.transport)
            .retryPolicy(new TransportRetryPolicy(1, Duration.ofMillis(1)))
            .build();

        assertThatExceptionOfType(QStashConnectionException.class).isThrownBy(() -> template.signingKeys().get())
            .withMessageContaining("signingKeys.get failed on the network after 2 attempt(s)");
    }

    @Test
    void backoffGrowsExponentiallyFromTheBase() {
        TransportRetryPolicy policy = new TransportRetryPolicy(5, Duration.ofMillis(50));

        assertThat(policy.backoff(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.backoff(1).toNanos()).isEqualTo((long) (50_000_000L * Math.E));
        assertThat(policy.backoff(2)).isGreaterThan(policy.backoff(1));
    }

    @Test
    void templateWithoutTokenCannotBeBuilt() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> QStashTemplate.builder().build())
            .withMessageContaining("QSTASH_TOKEN");
    }

}
