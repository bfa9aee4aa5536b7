package io.github.qstashspring.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.TestBrokers;
import io.github.qstashspring.broker.support.TestDatabases;
import io.github.qstashspring.broker.support.TestReceiver;
import io.github.qstashspring.broker.support.TestReceiver.Received;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two brokers on one PostgreSQL schema, sharing one test clock: each message is delivered
 * once while both live, each cron tick fires once, and when one broker is stopped
 * mid-delivery the other takes its work over when it released it; queue order and
 * flow-control limits hold across brokers.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
class MultiInstancePostgresTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-10T10:00:30Z"),
            java.time.ZoneOffset.UTC);

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    private EmbeddedQStashBroker first;

    private EmbeddedQStashBroker second;

    private TestReceiver receiver;

    @AfterEach
    void stopReceiver() {
        this.receiver.close();
    }

    private BrokerClient api1;

    private BrokerClient api2;

    @BeforeEach
    void start() {
        String database = TestDatabases.postgres();
        this.first = this.brokers.start(database, this.clock);
        this.second = this.brokers.start(database, this.clock);
        this.receiver = new TestReceiver(this::verifier);
        this.api1 = new BrokerClient(this.first.getUrl(), this.first.getToken());
        this.api2 = new BrokerClient(this.second.getUrl(), this.second.getToken());
    }

    @Test
    void queueOrderAndFlowLimitsHoldAcrossBrokers() {
        for (int i = 0; i < 30; i++) {
            BrokerClient api = (i % 2 == 0) ? this.api1 : this.api2;
            BrokerClient.Response response = api.post("/v2/enqueue/shared-queue/" + this.receiver.url("/ordered"),
                    Map.of(), String.valueOf(i));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> this.receiver.received("/ordered").size() >= 30);
        assertThat(this.receiver.received("/ordered").stream().map(Received::text))
            .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).mapToObj(String::valueOf).toList());
        assertThat(this.receiver.maxInFlight()).isEqualTo(1);

        try (TestReceiver limited = new TestReceiver(this::verifier)) {
            limited.respondAfter(40);
            for (int i = 0; i < 24; i++) {
                BrokerClient api = (i % 2 == 0) ? this.api1 : this.api2;
                BrokerClient.Response response = api.post("/v2/publish/" + limited.url("/limited"),
                        Map.of("Upstash-Flow-Control-Key", "shared-key", "Upstash-Flow-Control-Value", "parallelism=2"),
                        "f" + i);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> limited.received("/limited").size() >= 24);
            assertThat(limited.maxInFlight()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void twoBrokersShareTheWorkAndOneTakesOverWhenTheOtherStops() {
        BrokerClient api1 = this.api1;
        BrokerClient api2 = this.api2;
        BrokerClient.Response schedule = api1.post("/v2/schedules/" + this.receiver.url("/tick"),
                Map.of("Upstash-Cron", "* * * * *"), "tick");
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(200);
        String scheduleId = schedule.json().get("scheduleId").asString();

        // 2,000 messages published through both brokers while the clock ticks ten
        // minutes.
        for (int round = 0; round < 10; round++) {
            for (int part = 0; part < 2; part++) {
                BrokerClient api = (part == 0) ? api1 : api2;
                StringBuilder batch = new StringBuilder("[");
                for (int i = 0; i < 100; i++) {
                    batch.append((i > 0) ? "," : "")
                        .append("{\"destination\":\"")
                        .append(this.receiver.url("/work"))
                        .append("\",\"body\":\"")
                        .append(round)
                        .append('-')
                        .append(part)
                        .append('-')
                        .append(i)
                        .append("\"}");
                }
                BrokerClient.Response response = api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                        batch.append("]").toString());
                assertThat(response.status()).as(response.body()).isEqualTo(200);
            }
            this.clock.advance(Duration.ofMinutes(1));
            this.first.runDueWork();
            this.second.runDueWork();
        }
        await().atMost(Duration.ofSeconds(40))
            .until(() -> this.receiver.received("/work").size() >= 2000
                    && this.receiver.received("/tick").size() >= 10);
        await().until(() -> this.first.isIdle() && this.second.isIdle());
        assertThat(countById(this.receiver.received("/work")).values()).hasSize(2000)
            .allSatisfy((count) -> assertThat(count).isEqualTo(1));
        List<Received> ticks = this.receiver.received("/tick");
        assertThat(ticks).hasSize(10);
        assertThat(countById(ticks)).hasSize(10);
        assertThat(ticks).allSatisfy((tick) -> assertThat(tick.header("Upstash-Schedule-Id")).isEqualTo(scheduleId));
        JsonNode created = api2.get("/v2/logs?scheduleId=" + scheduleId + "&state=CREATED&count=100")
            .json()
            .get("logs");
        assertThat(created).hasSize(10);
        assertThat(api2.delete("/v2/schedules/" + scheduleId).status()).isEqualTo(200);

        // The first broker stops while deliveries it claimed are running (their receiver
        // hangs, then goes away and comes back): it gives them up when its drain time is
        // over, and the second broker takes them over.
        TestReceiver hanging = new TestReceiver(this::verifier);
        CountDownLatch release = new CountDownLatch(1);
        hanging.hold("/late", release);
        Set<String> lateIds = new HashSet<>();
        // As many as one destination host gets at once (delivery.max-per-host).
        for (int i = 0; i < 8; i++) {
            BrokerClient.Response response = api1.post("/v2/publish/" + hanging.url("/late"), Map.of(), "late" + i);
            lateIds.add(response.json().get("messageId").asString());
        }
        await().until(() -> hanging.received("/late").size() >= 8);
        this.first.close();
        int port = hanging.port();
        hanging.close();
        release.countDown();
        try (TestReceiver back = new TestReceiver(this::verifier, port)) {
            this.second.advanceClock(Duration.ofMinutes(1));
            for (String id : lateIds) {
                // Attempts of the second broker that met the hanging receiver are
                // retried.
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    boolean delivered = api2.get("/v2/messages/" + id).status() == 404;
                    if (!delivered) {
                        this.second.advanceClock(Duration.ofSeconds(15));
                    }
                    return delivered;
                });
                assertThat(api2.get("/v2/logs?messageId=" + id).json().get("logs").toString()).contains("DELIVERED");
            }
            assertThat(countById(back.received("/late")).keySet()).containsAll(lateIds);
        }
    }

    private QStashSignatureVerifier verifier() {
        return QStashSignatureVerifier.builder()
            .currentSigningKey(this.second.getCurrentSigningKey())
            .nextSigningKey(this.second.getNextSigningKey())
            .build();
    }

    private static Map<String, Integer> countById(List<Received> received) {
        Map<String, Integer> counts = new HashMap<>();
        received.forEach((request) -> counts.merge(request.header("Upstash-Message-Id"), 1, Integer::sum));
        return counts;
    }

}
