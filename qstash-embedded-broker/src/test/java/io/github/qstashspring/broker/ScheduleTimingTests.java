package io.github.qstashspring.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.TestReceiver.Received;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cron ticks fired by the broker's own timer, over real HTTP, on a
 * {@link FastForwardClock} (it runs in real time; the test moves it to
 * {@value #LEAD_SECONDS} s before a minute mark) and with a poll interval of 30 s: the
 * ticker sleeps until the earliest tick and is woken when a schedule is created, replaced
 * or resumed or the clock is moved, so a tick arrives within seconds of its mark. The
 * deadlines are generous ({@value #DEADLINE_SECONDS} s after the mark); a ticker that
 * only polled would fire about 30 s after the broker started or last looked, and miss
 * them all.
 */
abstract class ScheduleTimingTests extends BrokerTestSupport {

    /** Far longer than any deadline below. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(30);

    private static final int LEAD_SECONDS = 2;

    private static final int DEADLINE_SECONDS = 10;

    protected final FastForwardClock fastClock = new FastForwardClock();

    ScheduleTimingTests() {
        // Half a minute before a mark: nothing is due while the test sets up.
        this.fastClock.set(this.fastClock.instant().truncatedTo(ChronoUnit.MINUTES).plusSeconds(90));
    }

    @Override
    protected Clock brokerClock() {
        return this.fastClock;
    }

    @Override
    protected void configure(QStashBrokerProperties properties) {
        properties.getDelivery().setPollInterval(POLL_INTERVAL);
    }

    @Test
    void aCreatedScheduleFiresAtEachMarkNotAtThePoll() {
        Instant mark = moveClockBefore(nextMark());
        String id = createSchedule("/tick", Map.of("Upstash-Cron", "* * * * *"));
        assertFiredAt(id, mark, "/tick", 1);
        for (int tick = 2; tick <= 3; tick++) {
            Instant next = mark.plus(Duration.ofMinutes(tick - 1));
            // Moving the clock wakes the ticker, which aims at the next mark; nothing is
            // due yet.
            advanceClockBefore(next, this.broker);
            assertFiredAt(id, next, "/tick", tick);
        }
        assertThat(this.receiver.received("/tick")).allSatisfy((delivery) -> {
            assertThat(delivery.signatureError()).isNull();
            assertThat(delivery.header("Upstash-Schedule-Id")).isEqualTo(id);
        });
    }

    @Test
    void replacingAScheduleWithACloserTickWakesTheTicker() {
        createSchedule("/yearly", Map.of("Upstash-Cron", "0 0 1 1 *", "Upstash-Schedule-Id", "report"));
        Instant mark = moveClockBefore(nextMark());
        String id = createSchedule("/minutely", Map.of("Upstash-Cron", "* * * * *", "Upstash-Schedule-Id", "report"));
        assertThat(id).isEqualTo("report");
        assertFiredAt(id, mark, "/minutely", 1);
        assertThat(this.receiver.received("/yearly")).isEmpty();
    }

    @Test
    void aPausedScheduleSkipsItsMarkAndFiresOnTimeWhenResumed() {
        Instant mark = moveClockBefore(nextMark());
        String id = createSchedule("/paused", Map.of("Upstash-Cron", "* * * * *"));
        assertThat(this.api.send("PATCH", "/v2/schedules/" + id + "/pause", Map.of(), null).status()).isEqualTo(200);
        // The ticker claims the skipped tick at the mark: the next tick moves on, nothing
        // is sent.
        Instant next = mark.plus(Duration.ofMinutes(1));
        await("the skipped tick of " + id + " at " + mark).atMost(Duration.ofSeconds(LEAD_SECONDS + DEADLINE_SECONDS))
            .until(() -> schedule(id).get("nextScheduleTime").asLong() == next.toEpochMilli());
        assertThat(schedule(id).has("lastScheduleTime")).isFalse();
        assertThat(this.api.post("/v2/schedules/" + id + "/resume", Map.of(), "").status()).isEqualTo(200);
        advanceClockBefore(next, this.broker);
        assertFiredAt(id, next, "/paused", 1);
        assertThat(createdLogs(id)).hasSize(1);
    }

    @Test
    void aTickMissedWhileTheBrokerWasDownFiresOnceWhenItStarts() {
        String id = createSchedule("/restart", Map.of("Upstash-Cron", "* * * * *"));
        this.broker.close();
        this.fastClock.advance(Duration.ofMinutes(5));
        Instant restart = this.fastClock.instant();
        restartBroker();
        // No runDueWork: the ticker's first round fires the missed tick.
        await("the missed tick of " + id).atMost(Duration.ofSeconds(DEADLINE_SECONDS))
            .until(() -> this.receiver.received("/restart").size() >= 1);
        JsonNode schedule = schedule(id);
        assertThat(schedule.get("lastScheduleTime").asLong()).isGreaterThanOrEqualTo(restart.toEpochMilli());
        assertThat(schedule.get("nextScheduleTime").asLong()).isGreaterThan(schedule.get("lastScheduleTime").asLong());
        assertThat(createdLogs(id)).hasSize(1);
    }

    /**
     * @return the first minute mark after the clock's time
     */
    protected Instant nextMark() {
        return this.fastClock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    }

    /**
     * Sets the clock to shortly before a mark, without waking anything; returns the mark.
     */
    protected Instant moveClockBefore(Instant mark) {
        this.fastClock.set(mark.minusSeconds(LEAD_SECONDS));
        return mark;
    }

    /**
     * Moves the clock (waking the broker's ticker) to shortly before a mark.
     * @param brokers the brokers to wake; the first one moves the clock
     */
    protected void advanceClockBefore(Instant mark, EmbeddedQStashBroker... brokers) {
        brokers[0].advanceClock(Duration.between(this.fastClock.instant(), mark.minusSeconds(LEAD_SECONDS)));
        for (int i = 1; i < brokers.length; i++) {
            brokers[i].runDueWork();
        }
    }

    protected String createSchedule(String path, Map<String, String> headers) {
        BrokerClient.Response response = this.api.post("/v2/schedules/" + this.receiver.url(path), headers, "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("scheduleId").asString();
    }

    /**
     * Waits until the path received its {@code count}-th tick and checks that the ticker
     * fired it at the mark (not before, and within the deadline on the broker's clock,
     * which runs in real time).
     */
    protected void assertFiredAt(String id, Instant mark, String path, int count) {
        await("tick " + count + " of " + id + " (due " + mark + ") on " + path)
            .atMost(Duration.ofSeconds(LEAD_SECONDS + DEADLINE_SECONDS))
            .until(() -> this.receiver.received(path).size() >= count);
        List<Received> received = this.receiver.received(path);
        assertThat(received).hasSize(count);
        assertThat(schedule(id).get("lastScheduleTime").asLong()).isBetween(mark.toEpochMilli(),
                mark.plusSeconds(DEADLINE_SECONDS).toEpochMilli());
    }

    protected JsonNode schedule(String id) {
        return this.api.get("/v2/schedules/" + id).json();
    }

    protected JsonNode createdLogs(String id) {
        return this.api.get("/v2/logs?scheduleId=" + id + "&state=CREATED&count=100").json().get("logs");
    }

}
