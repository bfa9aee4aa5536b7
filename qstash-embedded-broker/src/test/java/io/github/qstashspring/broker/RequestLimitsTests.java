package io.github.qstashspring.broker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.TestBrokers;
import io.github.qstashspring.broker.support.TestDatabases;
import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashBurstRateLimitException;
import io.github.qstashspring.client.QStashDailyRateLimitException;
import io.github.qstashspring.client.QStashTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code qstash.embedded.limits}: the daily message quota and the management burst limit
 * answer 429 with QStash's headers, which the client turns into its rate-limit
 * exceptions.
 */
class RequestLimitsTests {

    private static final Instant NOON = Instant.parse("2026-11-30T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOON, ZoneOffset.UTC);

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    private EmbeddedQStashBroker broker;

    @Test
    void dailyQuotaCountsMessagesAndRefusesTheRestUntilMidnight() {
        start(3, null);
        BrokerClient api = BrokerClient.of(this.broker);
        assertThat(publish(api).status()).isEqualTo(200);
        BrokerClient.Response batch = api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                "[{\"destination\":\"http://127.0.0.1:9/a\",\"headers\":{\"Upstash-Delay\":\"1h\"}},"
                        + "{\"destination\":\"http://127.0.0.1:9/b\",\"headers\":{\"Upstash-Delay\":\"1h\"}}]");
        assertThat(batch.status()).isEqualTo(200);

        BrokerClient.Response refused = publish(api);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("error").asString()).contains("daily message limit of 3");
        assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("3");
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(refused.headers().firstValue("RateLimit-Reset"))
            .hasValue(String.valueOf(Instant.parse("2026-12-01T00:00:00Z").getEpochSecond()));
        assertThat(api.get("/v2/logs?state=CREATED").json().get("logs")).hasSize(3);

        this.clock.advance(Duration.ofHours(12));
        assertThat(publish(api).status()).isEqualTo(200);
    }

    @Test
    void clientSeesTheDailyQuotaAsItsDailyRateLimitException() {
        start(1, null);
        try (QStashTemplate template = QStashTemplate.builder()
            .url(this.broker.getUrl())
            .token(this.broker.getToken())
            .build()) {
            template.publish(PublishRequest.to("http://127.0.0.1:9/x").delay(Duration.ofHours(1)).body("one"));
            assertThatExceptionOfType(QStashDailyRateLimitException.class)
                .isThrownBy(() -> template
                    .publish(PublishRequest.to("http://127.0.0.1:9/x").delay(Duration.ofHours(1)).body("two")))
                .satisfies((ex) -> {
                    assertThat(ex.getStatus()).isEqualTo(429);
                    assertThat(ex.getLimit()).isEqualTo(1L);
                    assertThat(ex.getRemaining()).isZero();
                });
        }
    }

    @Test
    void burstLimitAppliesToManagementRequestsPerSecondButNotToPublishing() {
        start(null, 2);
        try (QStashTemplate template = QStashTemplate.builder()
            .url(this.broker.getUrl())
            .token(this.broker.getToken())
            .build()) {
            template.queues().list();
            template.queues().list();
            assertThatExceptionOfType(QStashBurstRateLimitException.class).isThrownBy(() -> template.queues().list())
                .satisfies((ex) -> {
                    assertThat(ex.getLimit()).isEqualTo(2L);
                    assertThat(ex.getRemaining()).isZero();
                    assertThat(ex.getReset()).isEqualTo(NOON.getEpochSecond() + 1);
                });
            for (int i = 0; i < 5; i++) {
                template.publish(PublishRequest.to("http://127.0.0.1:9/x").delay(Duration.ofHours(1)).body("m" + i));
            }
            this.clock.advance(Duration.ofSeconds(1));
            assertThat(template.queues().list()).isEmpty();
        }
    }

    private void start(Integer dailyMessages, Integer burstPerSecond) {
        this.broker = this.brokers.start(TestDatabases.h2(), this.clock, (properties) -> {
            properties.getLimits().setDailyMessages(dailyMessages);
            properties.getLimits().setBurstRequestsPerSecond(burstPerSecond);
        });
    }

    private static BrokerClient.Response publish(BrokerClient api) {
        return api.post("/v2/publish/http://127.0.0.1:9/later", Map.of("Upstash-Delay", "1h"), "body");
    }

}
