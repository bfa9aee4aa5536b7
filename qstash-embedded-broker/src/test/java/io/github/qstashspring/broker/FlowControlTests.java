package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow control over real HTTP on the test clock: rate per period, parallelism, management
 * API.
 */
abstract class FlowControlTests extends BrokerTestSupport {

    @Test
    void rateTenPerSecondSpreadsHundredMessagesOverTenSeconds() {
        for (int i = 0; i < 100; i++) {
            publish("/rate",
                    Map.of("Upstash-Flow-Control-Key", "rated", "Upstash-Flow-Control-Value", "rate=10, period=1s"),
                    "r" + i);
        }
        awaitReceived("/rate", 10);
        for (int second = 1; second < 10; second++) {
            assertThat(this.receiver.received("/rate")).hasSizeLessThanOrEqualTo(10 * second);
            advance(Duration.ofSeconds(1));
            awaitReceived("/rate", 10 * (second + 1));
        }
        await().until(() -> this.broker.isIdle());
        assertThat(this.receiver.received("/rate")).hasSize(100);
        // Deliveries started per clock instant (the clock only moves in whole seconds
        // here).
        JsonNode logs = this.api.get("/v2/logs?flowControlKey=rated&state=ACTIVE&count=1000").json().get("logs");
        Map<Long, Integer> startedPerSecond = new TreeMap<>();
        logs.forEach((entry) -> startedPerSecond.merge(entry.get("time").asLong(), 1, Integer::sum));
        assertThat(startedPerSecond).hasSize(10);
        assertThat(startedPerSecond.values()).allSatisfy((started) -> assertThat(started).isEqualTo(10));
        long first = startedPerSecond.keySet().iterator().next();
        long last = ((TreeMap<Long, Integer>) startedPerSecond).lastKey();
        assertThat(last - first).isEqualTo(9000);
    }

    @Test
    void parallelismThreeIsNeverExceeded() {
        this.receiver.respondAfter(40);
        for (int i = 0; i < 30; i++) {
            publish("/par" + (i % 3),
                    Map.of("Upstash-Flow-Control-Key", "par", "Upstash-Flow-Control-Value", "parallelism=3"), "p" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> this.receiver.received().size() == 30);
        assertThat(this.receiver.maxInFlight()).isLessThanOrEqualTo(3).isGreaterThan(1);
    }

    @Test
    void keysAreManaged() {
        publish("/managed", Map.of("Upstash-Flow-Control-Key", "managed", "Upstash-Flow-Control-Value",
                "parallelism=5, rate=20, period=1m"), "one");
        awaitReceived("/managed", 1);
        JsonNode key = this.api.get("/v2/flowControl/managed").json();
        assertThat(key.get("flowControlKey").asString()).isEqualTo("managed");
        assertThat(key.get("parallelismMax").asInt()).isEqualTo(5);
        assertThat(key.get("rateMax").asInt()).isEqualTo(20);
        assertThat(key.get("ratePeriod").asInt()).isEqualTo(60);
        assertThat(key.get("rateCount").asInt()).isEqualTo(1);
        assertThat(key.get("isPaused").asBoolean()).isFalse();

        assertThat(this.api.post("/v2/flowControl/managed/pause", Map.of(), "").status()).isEqualTo(200);
        publish("/managed", Map.of("Upstash-Flow-Control-Key", "managed"), "two");
        advance(Duration.ofSeconds(2));
        assertThat(this.api.get("/v2/flowControl/managed").json().get("waitListSize").asInt()).isEqualTo(1);
        assertThat(this.receiver.received("/managed")).hasSize(1);
        assertThat(this.api.post("/v2/flowControl/managed/resume", Map.of(), "").status()).isEqualTo(200);
        advance(Duration.ofSeconds(1));
        awaitReceived("/managed", 2);

        assertThat(this.api.post("/v2/flowControl/managed/pin?parallelism=1&rate=2&period=10", Map.of(), "").status())
            .isEqualTo(200);
        publish("/managed",
                Map.of("Upstash-Flow-Control-Key", "managed", "Upstash-Flow-Control-Value", "parallelism=9"), "three");
        key = this.api.get("/v2/flowControl/managed").json();
        assertThat(key.get("parallelismMax").asInt()).isEqualTo(1);
        assertThat(key.get("rateMax").asInt()).isEqualTo(2);
        assertThat(key.get("isPinnedParallelism").asBoolean()).isTrue();
        assertThat(key.get("isPinnedRate").asBoolean()).isTrue();
        assertThat(this.api.post("/v2/flowControl/managed/unpin?parallelism=true&rate=true", Map.of(), "").status())
            .isEqualTo(200);
        key = this.api.get("/v2/flowControl/managed").json();
        assertThat(key.get("isPinnedParallelism").asBoolean()).isFalse();
        assertThat(this.api.post("/v2/flowControl/managed/resetRate", Map.of(), "").status()).isEqualTo(200);
        assertThat(this.api.get("/v2/flowControl/managed").json().get("rateCount").asInt()).isZero();
        assertThat(this.api.post("/v2/flowControl/managed/pin?rate=0", Map.of(), "").status()).isEqualTo(400);
        assertThat(this.api.get("/v2/flowControl/unknown").status()).isEqualTo(404);
        assertThat(this.api.get("/v2/flowControl").json()).hasSize(1);
        assertThat(this.api.get("/v2/flowControl?search=nag").json()).hasSize(1);
        assertThat(this.api.get("/v2/flowControl?search=zzz").json()).isEmpty();

        BrokerClient.Response global = this.api.get("/v2/globalParallelism");
        assertThat(global.status()).isEqualTo(200);
        assertThat(global.json().get("parallelismMax").asInt()).isEqualTo(32);
        assertThat(global.json().has("parallelismCount")).isTrue();
    }

}
