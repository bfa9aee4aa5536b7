package io.github.qstashspring.broker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.TestReceiver.Received;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules and URL groups over real HTTP on the test clock: ticks fire when the clock
 * passes a cron mark (synchronously in {@code advanceClock}) and never between.
 */
abstract class SchedulesAndUrlGroupsTests extends BrokerTestSupport {

    @Test
    void everyFiveMinutesFiresAtEachMarkAndNotBetween() {
        this.clock.set(Instant.parse("2030-01-10T10:02:30Z"));
        String id = createSchedule("/tick", Map.of("Upstash-Cron", "*/5 * * * *", "Upstash-Forward-Hello", "world"),
                "tick body");
        assertThat(id).startsWith("scd_");
        JsonNode schedule = this.api.get("/v2/schedules/" + id).json();
        assertThat(schedule.get("nextScheduleTime").asLong())
            .isEqualTo(Instant.parse("2030-01-10T10:05:00Z").toEpochMilli());
        assertThat(schedule.get("cron").asString()).isEqualTo("*/5 * * * *");
        assertThat(schedule.get("body").asString()).isEqualTo("tick body");
        assertThat(schedule.get("header").get("Hello").get(0).asString()).isEqualTo("world");
        assertThat(schedule.has("lastScheduleTime")).isFalse();

        List<Long> firedAt = runMinutes(id, 13);
        assertThat(firedAt).containsExactly(Instant.parse("2030-01-10T10:05:00Z").toEpochMilli(),
                Instant.parse("2030-01-10T10:10:00Z").toEpochMilli(),
                Instant.parse("2030-01-10T10:15:00Z").toEpochMilli());
        List<Received> received = awaitReceived("/tick", 3);
        assertThat(received).allSatisfy((delivery) -> {
            assertThat(delivery.signatureError()).isNull();
            assertThat(delivery.header("Upstash-Schedule-Id")).isEqualTo(id);
            assertThat(delivery.header("Hello")).isEqualTo("world");
            assertThat(delivery.text()).isEqualTo("tick body");
        });
        JsonNode after = this.api.get("/v2/schedules/" + id).json();
        assertThat(after.get("lastScheduleTime").asLong())
            .isEqualTo(Instant.parse("2030-01-10T10:15:00Z").toEpochMilli());
        await().until(() -> this.api.get("/v2/schedules/" + id)
            .json()
            .get("lastScheduleStates")
            .properties()
            .stream()
            .allMatch((state) -> state.getValue().asString().equals("SUCCESS")));
    }

    @Test
    void cronTimeZoneFollowsDaylightSavingTime() {
        // New York switches to summer time on 2030-03-10 at 02:00 local (07:00 UTC).
        this.clock.set(Instant.parse("2030-03-09T13:00:00Z"));
        String id = createSchedule("/tz", Map.of("Upstash-Cron", "CRON_TZ=America/New_York 0 9 * * *"), "");
        List<Long> firedAt = run(id, 48, java.time.temporal.ChronoUnit.HOURS);
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(firedAt)
            .allSatisfy((time) -> assertThat(ZonedDateTime.ofInstant(Instant.ofEpochMilli(time), newYork).getHour())
                .isEqualTo(9));
        assertThat(firedAt).containsExactly(Instant.parse("2030-03-09T14:00:00Z").toEpochMilli(),
                Instant.parse("2030-03-10T13:00:00Z").toEpochMilli(),
                Instant.parse("2030-03-11T13:00:00Z").toEpochMilli());
    }

    @Test
    void pausedScheduleSkipsTicksAndResumes() {
        this.clock.set(Instant.parse("2030-01-10T10:00:30Z"));
        String id = createSchedule("/paused", Map.of("Upstash-Cron", "* * * * *"), "");
        assertThat(this.api.send("PATCH", "/v2/schedules/" + id + "/pause", Map.of(), null).status()).isEqualTo(200);
        assertThat(this.api.get("/v2/schedules/" + id).json().get("isPaused").asBoolean()).isTrue();
        assertThat(runMinutes(id, 3)).isEmpty();
        assertThat(this.api.post("/v2/schedules/" + id + "/resume", Map.of(), "").status()).isEqualTo(200);
        assertThat(this.api.get("/v2/schedules/" + id).json().get("isPaused").asBoolean()).isFalse();
        assertThat(runMinutes(id, 2)).hasSize(2);
        assertThat(awaitReceived("/paused", 2)).hasSize(2);
    }

    @Test
    void upsertByIdReplacesTheSchedule() {
        this.clock.set(Instant.parse("2030-01-10T10:00:30Z"));
        createSchedule("/first", Map.of("Upstash-Cron", "* * * * *", "Upstash-Schedule-Id", "my-schedule"), "one");
        String id = createSchedule("/second",
                Map.of("Upstash-Cron", "*/2 * * * *", "Upstash-Schedule-Id", "my-schedule", "Upstash-Retries", "1"),
                "two");
        assertThat(id).isEqualTo("my-schedule");
        JsonNode list = this.api.get("/v2/schedules").json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("destination").asString()).isEqualTo(this.receiver.url("/second"));
        assertThat(list.get(0).get("cron").asString()).isEqualTo("*/2 * * * *");
        assertThat(list.get(0).get("retries").asInt()).isEqualTo(1);
        assertThat(runMinutes(id, 4)).hasSize(2);
        assertThat(awaitReceived("/second", 2)).allSatisfy((delivery) -> assertThat(delivery.text()).isEqualTo("two"));
        assertThat(this.receiver.received("/first")).isEmpty();

        assertThat(this.api.delete("/v2/schedules/my-schedule").status()).isEqualTo(200);
        assertThat(this.api.get("/v2/schedules/my-schedule").status()).isEqualTo(404);
        assertThat(this.api.get("/v2/schedules").json()).isEmpty();
    }

    @Test
    void scheduleToAQueueEnqueues() {
        this.clock.set(Instant.parse("2030-01-10T10:00:30Z"));
        String id = createSchedule("/queued", Map.of("Upstash-Cron", "* * * * *", "Upstash-Queue-Name", "ticks"), "");
        assertThat(this.api.get("/v2/schedules/" + id).json().get("queueName").asString()).isEqualTo("ticks");
        runMinutes(id, 1);
        awaitReceived("/queued", 1);
        JsonNode logs = this.api.get("/v2/logs?scheduleId=" + id + "&state=CREATED").json().get("logs");
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).get("queueName").asString()).isEqualTo("ticks");
    }

    @Test
    void ticksMissedWhileTheBrokerWasDownFireOnceAtStart() {
        this.clock.set(Instant.parse("2030-01-10T10:00:30Z"));
        String id = createSchedule("/restart", Map.of("Upstash-Cron", "* * * * *"), "");
        this.broker.close();
        this.clock.set(Instant.parse("2030-01-10T10:05:30Z"));
        restartBroker();
        this.broker.runDueWork();
        JsonNode schedule = this.api.get("/v2/schedules/" + id).json();
        assertThat(schedule.get("lastScheduleTime").asLong())
            .isEqualTo(Instant.parse("2030-01-10T10:05:30Z").toEpochMilli());
        assertThat(schedule.get("nextScheduleTime").asLong())
            .isEqualTo(Instant.parse("2030-01-10T10:06:00Z").toEpochMilli());
        assertThat(this.api.get("/v2/logs?scheduleId=" + id + "&state=CREATED").json().get("logs")).hasSize(1);
        assertThat(awaitReceived("/restart", 1).get(0).header("Upstash-Schedule-Id")).isEqualTo(id);
    }

    @Test
    void invalidSchedulesAreRefused() {
        assertThat(this.api.post("/v2/schedules/" + this.receiver.url("/x"), Map.of(), "").status()).isEqualTo(400);
        BrokerClient.Response badCron = this.api.post("/v2/schedules/" + this.receiver.url("/x"),
                Map.of("Upstash-Cron", "61 * * * *"), "");
        assertThat(badCron.status()).isEqualTo(400);
        assertThat(badCron.json().get("error").asString()).contains("invalid cron");
        assertThat(this.api
            .post("/v2/schedules/" + this.receiver.url("/x"),
                    Map.of("Upstash-Cron", "* * * * *", "Upstash-Schedule-Id", "bad id!"), "")
            .status()).isEqualTo(400);
        assertThat(this.api.get("/v2/schedules/nope").status()).isEqualTo(404);
    }

    @Test
    void urlGroupFansOutIndependentMessages() {
        addEndpoints("fanout",
                "{\"endpoints\":[{\"name\":\"a\",\"url\":\"" + this.receiver.url("/a") + "\"},{\"url\":\""
                        + this.receiver.url("/b") + "\"},{\"name\":\"c\",\"url\":\"" + this.receiver.url("/c")
                        + "\"}]}");
        JsonNode group = this.api.get("/v2/topics/fanout").json();
        assertThat(group.get("endpoints")).hasSize(3);
        assertThat(group.get("endpoints").get(0).get("name").asString()).isEqualTo("a");
        this.receiver.reply("/c", 500, Map.of());

        BrokerClient.Response response = this.api.post("/v2/publish/fanout", Map.of("Upstash-Retries", "1"), "hello");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode results = response.json();
        assertThat(results.isArray()).isTrue();
        assertThat(results).hasSize(3);
        Set<String> ids = new HashSet<>();
        results.forEach((result) -> ids.add(result.get("messageId").asString()));
        assertThat(ids).hasSize(3);
        assertThat(results.get(2).get("url").asString()).isEqualTo(this.receiver.url("/c"));
        String failingId = results.get(2).get("messageId").asString();

        awaitReceived("/a", 1);
        awaitReceived("/b", 1);
        awaitState(failingId, "RETRY");
        advance(Duration.ofSeconds(13));
        awaitState(failingId, "FAILED");
        assertThat(this.receiver.received("/a")).hasSize(1);
        assertThat(this.receiver.received("/b")).hasSize(1);
        assertThat(this.receiver.received("/c")).hasSize(2);
        assertThat(this.receiver.received()).allSatisfy((delivery) -> {
            assertThat(delivery.header("Upstash-Topic-Name")).isEqualTo("fanout");
            assertThat(delivery.signatureError()).isNull();
        });
        JsonNode dlq = this.api.get("/v2/dlq").json().get("messages");
        assertThat(dlq).hasSize(1);
        assertThat(dlq.get(0).get("messageId").asString()).isEqualTo(failingId);
        assertThat(dlq.get(0).get("topicName").asString()).isEqualTo("fanout");
        assertThat(dlq.get(0).get("endpointName").asString()).isEqualTo("c");
    }

    @Test
    void urlGroupEndpointsAreManagedAndBatchFansOut() {
        addEndpoints("grp", "{\"endpoints\":[{\"url\":\"" + this.receiver.url("/x") + "\"},{\"url\":\""
                + this.receiver.url("/y") + "\"}]}");
        BrokerClient.Response batch = this.api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                "[{\"destination\":\"grp\",\"body\":\"b1\"},{\"destination\":\"" + this.receiver.url("/z") + "\"}]");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().get(0).isArray()).isTrue();
        assertThat(batch.json().get(0)).hasSize(2);
        assertThat(batch.json().get(1).get("messageId").isString()).isTrue();
        awaitReceived("/x", 1);
        awaitReceived("/y", 1);

        assertThat(this.api
            .send("DELETE", "/v2/topics/grp/endpoints", Map.of("Content-Type", "application/json"),
                    ("{\"endpoints\":[{\"url\":\"" + this.receiver.url("/x") + "\"}]}").getBytes())
            .status()).isEqualTo(200);
        assertThat(this.api.get("/v2/topics/grp").json().get("endpoints")).hasSize(1);
        assertThat(this.api.get("/v2/topics").json()).hasSize(1);
        assertThat(this.api
            .send("DELETE", "/v2/topics/grp/endpoints", Map.of("Content-Type", "application/json"),
                    ("{\"endpoints\":[{\"url\":\"" + this.receiver.url("/y") + "\"}]}").getBytes())
            .status()).isEqualTo(200);
        assertThat(this.api.get("/v2/topics/grp").status()).isEqualTo(404);

        addEndpoints("grp2", "{\"endpoints\":[{\"url\":\"" + this.receiver.url("/q1") + "\"},{\"url\":\""
                + this.receiver.url("/q2") + "\"}]}");
        BrokerClient.Response enqueued = this.api.post("/v2/enqueue/group-queue/grp2", Map.of(), "queued");
        assertThat(enqueued.status()).as(enqueued.body()).isEqualTo(200);
        assertThat(enqueued.json()).hasSize(2);
        awaitReceived("/q1", 1);
        awaitReceived("/q2", 1);
        JsonNode queuedLogs = this.api.get("/v2/logs?queueName=group-queue&state=CREATED").json().get("logs");
        assertThat(queuedLogs).hasSize(2)
            .allSatisfy((entry) -> assertThat(entry.get("topicName").asString()).isEqualTo("grp2"));
        assertThat(this.api.delete("/v2/topics/grp2").status()).isEqualTo(200);
        BrokerClient.Response missing = this.api.post("/v2/publish/grp2", Map.of(), "x");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString()).contains("url group grp2 not found");
    }

    @Test
    void scheduleToAUrlGroupFansOutEachTick() {
        this.clock.set(Instant.parse("2030-01-10T10:00:30Z"));
        addEndpoints("sgrp", "{\"endpoints\":[{\"url\":\"" + this.receiver.url("/s1") + "\"},{\"url\":\""
                + this.receiver.url("/s2") + "\"}]}");
        BrokerClient.Response created = this.api.post("/v2/schedules/sgrp", Map.of("Upstash-Cron", "* * * * *"), "g");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("scheduleId").asString();
        advance(Duration.ofMinutes(1));
        assertThat(awaitReceived("/s1", 1).get(0).header("Upstash-Schedule-Id")).isEqualTo(id);
        assertThat(awaitReceived("/s2", 1).get(0).header("Upstash-Topic-Name")).isEqualTo("sgrp");
        assertThat(this.api.get("/v2/schedules/" + id).json().get("lastScheduleStates").size()).isEqualTo(2);
    }

    private void addEndpoints(String group, String json) {
        BrokerClient.Response response = this.api.post("/v2/topics/" + group + "/endpoints",
                Map.of("Content-Type", "application/json"), json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private String createSchedule(String path, Map<String, String> headers, String body) {
        BrokerClient.Response response = this.api.post("/v2/schedules/" + this.receiver.url(path), headers, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("scheduleId").asString();
    }

    /**
     * Advances the clock minute by minute and returns the clock times at which the
     * schedule fired.
     */
    private List<Long> runMinutes(String scheduleId, int minutes) {
        return run(scheduleId, minutes, java.time.temporal.ChronoUnit.MINUTES);
    }

    /**
     * Advances the clock to each following whole unit and returns the times at which the
     * schedule fired.
     */
    private List<Long> run(String scheduleId, int steps, java.time.temporal.ChronoUnit unit) {
        List<Long> firedAt = new java.util.ArrayList<>();
        long last = lastScheduleTime(scheduleId);
        for (int i = 0; i < steps; i++) {
            Instant before = this.clock.instant();
            Instant target = before.plus(unit.getDuration()).truncatedTo(unit);
            advance(Duration.between(before, target));
            long current = lastScheduleTime(scheduleId);
            if (current != last) {
                firedAt.add(current);
                last = current;
            }
        }
        return firedAt;
    }

    private long lastScheduleTime(String scheduleId) {
        JsonNode schedule = this.api.get("/v2/schedules/" + scheduleId).json();
        return schedule.has("lastScheduleTime") ? schedule.get("lastScheduleTime").asLong() : -1;
    }

}
