package io.github.qstashspring.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.TestReceiver.Received;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FIFO queues over real HTTP: order, parallelism, pause, callbacks holding the turn,
 * management.
 */
abstract class QueuesTests extends BrokerTestSupport {

    @Test
    void parallelismOneDeliversStrictlyInOrderThroughRetries() {
        this.receiver.failNext("/fifo/9", 2, 500);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            batch.append((i > 0) ? "," : "")
                .append("{\"destination\":\"")
                .append(this.receiver.url("/fifo/" + i))
                .append("\",\"queue\":\"orders\",\"headers\":{\"Upstash-Retry-Delay\":\"0\"},\"body\":\"")
                .append(i)
                .append("\"}");
        }
        BrokerClient.Response response = this.api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                batch.append("]").toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> this.receiver.received().size() >= 102);
        List<Integer> order = this.receiver.received()
            .stream()
            .map((received) -> Integer.parseInt(received.text()))
            .toList();
        List<Integer> expected = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
        expected.add(9, 9);
        expected.add(9, 9);
        assertThat(order).containsExactlyElementsOf(expected);
        assertThat(this.receiver.maxInFlight()).isEqualTo(1);
        await().until(() -> this.api.get("/v2/queues/orders").json().get("lag").asInt() == 0);
    }

    @Test
    void parallelismFourNeverHasMoreThanFourInFlight() {
        upsert("{\"queueName\":\"wide\",\"parallelism\":4}");
        this.receiver.respondAfter(40);
        for (int i = 0; i < 40; i++) {
            BrokerClient.Response response = this.api.post("/v2/enqueue/wide/" + this.receiver.url("/wide"), Map.of(),
                    "m" + i);
            assertThat(response.status()).isEqualTo(200);
        }
        awaitReceived("/wide", 40);
        assertThat(this.receiver.maxInFlight()).isLessThanOrEqualTo(4).isGreaterThan(1);
        JsonNode queue = this.api.get("/v2/queues/wide").json();
        assertThat(queue.get("parallelism").asInt()).isEqualTo(4);
    }

    @Test
    void pausedQueueAcceptsButDeliversOnlyAfterResume() {
        upsert("{\"queueName\":\"held\",\"parallelism\":1,\"paused\":true}");
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BrokerClient.Response response = this.api.post("/v2/enqueue/held/" + this.receiver.url("/held"), Map.of(),
                    "h" + i);
            assertThat(response.status()).isEqualTo(200);
            held.add(response.json().get("messageId").asString());
        }
        JsonNode queue = this.api.get("/v2/queues/held").json();
        assertThat(queue.get("paused").asBoolean()).isTrue();
        assertThat(queue.get("lag").asInt()).isEqualTo(3);
        // A message published after them is delivered: had the paused queue let them go,
        // they would have been handed to the dispatcher first, and claimed (ACTIVE)
        // before it was delivered.
        awaitState(publish("/after", Map.of(), "after"), "DELIVERED");
        assertThat(held).allSatisfy((id) -> assertThat(states(id)).containsExactly("CREATED"));
        assertThat(this.receiver.received("/held")).isEmpty();
        assertThat(this.api.post("/v2/queues/held/resume", Map.of(), "").status()).isEqualTo(200);
        assertThat(awaitReceived("/held", 3).stream().map(Received::text)).containsExactly("h0", "h1", "h2");
        assertThat(this.api.post("/v2/queues/held/pause", Map.of(), "").status()).isEqualTo(200);
        assertThat(this.api.get("/v2/queues/held").json().get("paused").asBoolean()).isTrue();
    }

    @Test
    void callbackHoldsTheQueueTurn() {
        CountDownLatch release = new CountDownLatch(1);
        this.receiver.hold("/cb", release);
        try {
            this.api.post("/v2/enqueue/cbq/" + this.receiver.url("/first"),
                    Map.of("Upstash-Callback", this.receiver.url("/cb")), "first");
            this.api.post("/v2/enqueue/cbq/" + this.receiver.url("/second"), Map.of(), "second");
            awaitReceived("/cb", 1);
        }
        finally {
            release.countDown();
        }
        awaitReceived("/second", 1);
        // The log is in commit order: the second message started only after the callback,
        // which held the queue's turn, was delivered.
        List<String> log = new ArrayList<>();
        this.api.get("/v2/logs?count=1000")
            .json()
            .get("logs")
            .forEach((entry) -> log.add(0, entry.get("state").asString() + " "
                    + entry.get("url").asString().replaceFirst("^http://[^/]+", "")));
        assertThat(log).containsSubsequence("DELIVERED /cb", "ACTIVE /second");
    }

    @Test
    void queuesAreListedAndDeleted() {
        upsert("{\"queueName\":\"a\",\"parallelism\":2}");
        upsert("{\"queueName\":\"b\"}");
        JsonNode list = this.api.get("/v2/queues").json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asString()).isEqualTo("a");
        assertThat(list.get(0).get("lag").asInt()).isZero();
        assertThat(list.get(0).has("createdAt")).isTrue();
        assertThat(this.api.delete("/v2/queues/a").status()).isEqualTo(200);
        assertThat(this.api.get("/v2/queues/a").status()).isEqualTo(404);
        assertThat(this.api.delete("/v2/queues/a").status()).isEqualTo(404);
        assertThat(this.api
            .post("/v2/queues", Map.of("Content-Type", "application/json"), "{\"queueName\":\"c\",\"parallelism\":0}")
            .status()).isEqualTo(400);
        assertThat(
                this.api.post("/v2/queues", Map.of("Content-Type", "application/json"), "{\"queueName\":\"bad name\"}")
                    .status())
            .isEqualTo(400);
    }

    private void upsert(String json) {
        BrokerClient.Response response = this.api.post("/v2/queues", Map.of("Content-Type", "application/json"), json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

}
