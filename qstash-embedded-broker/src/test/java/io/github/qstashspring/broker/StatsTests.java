package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v2/stats}, the figures of the dashboard's overview, over real HTTP: the
 * counts now, the activity per bucket read from the log, and the backlog derived
 * backwards from it.
 */
abstract class StatsTests extends BrokerTestSupport {

    @Test
    void countsAndSeriesFollowWhatHappened() {
        String first = publish("/ok", Map.of(), "a");
        publish("/ok", Map.of(), "b");
        this.receiver.failNext("/fail", 1, 500);
        String failing = publish("/fail", Map.of("Upstash-Retries", "0"), "c");
        awaitState(first, "DELIVERED");
        awaitState(failing, "FAILED");
        advance(Duration.ofSeconds(30));
        assertThat(this.api
            .post("/v2/queues", Map.of("Content-Type", "application/json"),
                    "{\"queueName\":\"held\",\"parallelism\":1,\"paused\":true}")
            .status()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            assertThat(this.api.post("/v2/enqueue/held/" + this.receiver.url("/held"), Map.of(), "h" + i).status())
                .isEqualTo(200);
        }
        assertThat(
                this.api.post("/v2/schedules/" + this.receiver.url("/tick"), Map.of("Upstash-Cron", "0 0 1 1 *"), "t")
                    .status())
            .isEqualTo(200);

        JsonNode stats = this.api.get("/v2/stats").json();

        assertThat(stats.get("messages").get("QUEUED").asLong()).isEqualTo(2);
        assertThat(stats.get("messages").get("FAILED").asLong()).isEqualTo(1);
        assertThat(stats.get("backlog").asLong()).isEqualTo(2);
        assertThat(stats.get("dlq").asLong()).isEqualTo(1);
        assertThat(stats.get("queues").asInt()).isEqualTo(1);
        assertThat(stats.get("pausedQueues").asInt()).isEqualTo(1);
        assertThat(stats.get("schedules").asInt()).isEqualTo(1);
        JsonNode series = stats.get("series");
        assertThat(series.get("step").asLong()).isEqualTo(10_000);
        assertThat(series.get("published")).hasSize(90);
        assertThat(sum(series.get("published"))).isEqualTo(5);
        assertThat(sum(series.get("delivered"))).isEqualTo(2);
        assertThat(sum(series.get("errors"))).isEqualTo(1);
        assertThat(sum(series.get("failed"))).isEqualTo(1);
        JsonNode backlog = series.get("backlog");
        assertThat(backlog.get(89).asLong()).isEqualTo(2);
        // 30 s (three buckets) earlier, the first three messages had been published and
        // done.
        assertThat(backlog.get(86).asLong()).isZero();
        assertThat(backlog.get(0).asLong()).isZero();
        long bucketOfFirst = (this.clock.millis() - 30_000 - series.get("from").asLong()) / 10_000;
        assertThat(series.get("published").get((int) bucketOfFirst).asLong()).isEqualTo(3);
    }

    @Test
    void windowAndStepAreChosenByTheCaller() {
        JsonNode series = this.api.get("/v2/stats?window=60&step=1").json().get("series");
        assertThat(series.get("step").asLong()).isEqualTo(1000);
        assertThat(series.get("delivered")).hasSize(60);
    }

    @Test
    void badWindowsAreRejectedWithQStashErrors() {
        for (String query : new String[] { "window=7&step=2", "step=0", "window=100000", "window=3600&step=1",
                "step=x" }) {
            BrokerClient.Response response = this.api.get("/v2/stats?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("error").asString()).as(query).isNotBlank();
        }
        assertThat(this.api.post("/v2/stats", Map.of(), "").status()).isEqualTo(405);
    }

    private static long sum(JsonNode values) {
        long sum = 0;
        for (JsonNode value : values) {
            sum += value.asLong();
        }
        return sum;
    }

}
