package io.github.qstashspring.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import io.github.qstashspring.benchmarks.receiver.ReceiverApplication;
import io.github.qstashspring.benchmarks.receiver.TickLog;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.FastForwardClock;
import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.client.LogEntry;
import io.github.qstashspring.client.LogFilter;
import io.github.qstashspring.client.QStashTemplate;
import io.github.qstashspring.client.Schedule;
import io.github.qstashspring.client.ScheduleRequest;

/**
 * The embedded broker's cron tick lateness: for each tick of a {@code * * * * *}
 * schedule, the real time from the tick's due time to the arrival of the tick's message
 * at a verifying {@code @QStashListener}; and, from the broker's own records, to the
 * moment its ticker fired the tick ({@code lastScheduleTime}), to the tick message's
 * {@code CREATED} log entry and to its {@code ACTIVE} entry (claimed by the dispatcher,
 * about to be sent).
 * <p>
 * QStash crons have minute resolution, so the broker runs on a {@link FastForwardClock}:
 * a clock that runs at real speed and that this harness moves forward once per tick, to a
 * random point between the broker's poll interval + 200 ms and twice the poll interval +
 * 200 ms before the next minute mark. Then it only waits: nothing but the broker's own
 * timer can fire the tick (the harness does not call {@code runDueWork} or
 * {@code advanceClock}). The lead is longer than the ticker's longest sleep (the poll
 * interval) and spread over a whole poll interval, so a ticker that merely polled would
 * show its polling delay, spread over the poll interval. The due time is converted to
 * {@link System#nanoTime()} by the clock, and the arrival is taken with {@code nanoTime}
 * in the listener, in the same JVM. The broker uses its default configuration (poll
 * interval included).
 */
public final class BrokerCronLateness {

    /** Ticks fired and delivered before the measured ones (class loading, JIT). */
    private static final int WARM_UP_TICKS = 2;

    /** How long after its due time a tick may arrive before it counts as missing. */
    private static final Duration MISSING_AFTER = Duration.ofSeconds(10);

    private final ReceiverApplication receiver;

    private final SplittableRandom random = new SplittableRandom();

    /**
     * The figures of one run.
     *
     * @param delivered due time to the arrival at the listener
     * @param fired due time to the broker clock's time when the ticker fired the tick
     * @param created due time to the {@code CREATED} log entry of the tick's message
     * @param claimed due time to the {@code ACTIVE} log entry of the tick's message
     * @param missing measured ticks that did not arrive within 10 s of their due time
     * (the run stops at the first one)
     * @param duplicates deliveries of a tick message that had already arrived
     * @param early ticks that arrived or fired before their due time (never expected)
     */
    public record Result(Latencies delivered, Latencies fired, Latencies created, Latencies claimed, int missing,
            long duplicates, int early) {
    }

    /**
     * Creates the measurement.
     * @param receiver the receiving application
     */
    public BrokerCronLateness(ReceiverApplication receiver) {
        this.receiver = receiver;
    }

    /**
     * Starts a broker on the database, creates the schedule and measures its ticks.
     * @param database the database
     * @param ticks how many ticks to measure (after {@value #WARM_UP_TICKS} warm-up
     * ticks)
     * @return the figures
     * @throws InterruptedException when interrupted
     */
    public Result run(BenchDatabase database, int ticks) throws InterruptedException {
        Latencies delivered = new Latencies();
        Latencies fired = new Latencies();
        Latencies created = new Latencies();
        Latencies claimed = new Latencies();
        QStashBrokerProperties properties = BenchBrokers.properties();
        long pollNanos = properties.getDelivery().getPollInterval().toNanos();
        FastForwardClock clock = new FastForwardClock();
        // Half a minute before a mark, so that the first lead below moves the clock
        // forward.
        clock.set(clock.instant().truncatedTo(ChronoUnit.MINUTES).plusSeconds(90));
        TickLog arrivals = this.receiver.ticks();
        arrivals.clear();
        int early = 0;
        try (EmbeddedQStashBroker broker = EmbeddedQStashBroker.builder()
            .properties(properties)
            .databaseUrl(database.url())
            .clock(clock)
            .start()) {
            QStashTemplate template = QStashTemplate.builder().url(broker.getUrl()).token(broker.getToken()).build();
            String id = template.schedules()
                .create(ScheduleRequest.to(this.receiver.tickUrl()).cron("* * * * *").body("tick"));
            for (int tick = -WARM_UP_TICKS; tick < ticks; tick++) {
                Instant due = Objects.requireNonNull(template.schedules().get(id).nextScheduleTime(),
                        "nextScheduleTime");
                long lead = pollNanos + Duration.ofMillis(200).toNanos() + this.random.nextLong(pollNanos);
                clock.set(due.minusNanos(lead));
                long dueNanos = clock.nanoTimeAt(due);
                Long arrived = arrivals.next(Duration.ofNanos(lead).plus(MISSING_AFTER));
                if (arrived == null) {
                    return new Result(delivered, fired, created, claimed, ticks - Math.max(0, tick),
                            arrivals.duplicates(), early);
                }
                Schedule schedule = template.schedules().get(id);
                Instant firedAt = Objects.requireNonNull(schedule.lastScheduleTime(), "lastScheduleTime");
                if (arrived - dueNanos < 0 || firedAt.isBefore(due)) {
                    early++;
                }
                if (tick >= 0) {
                    delivered.recordNanos(arrived - dueNanos);
                    fired.recordNanos(Duration.between(due, firedAt).toNanos());
                    for (LogEntry entry : logOfTheTick(template, schedule)) {
                        Instant time = entry.time();
                        if (time != null && entry.state().equals("CREATED")) {
                            created.recordNanos(Duration.between(due, time).toNanos());
                        }
                        else if (time != null && entry.state().equals("ACTIVE")) {
                            claimed.recordNanos(Duration.between(due, time).toNanos());
                        }
                    }
                }
            }
        }
        return new Result(delivered, fired, created, claimed, 0, arrivals.duplicates(), early);
    }

    private static Iterable<LogEntry> logOfTheTick(QStashTemplate template, Schedule schedule) {
        Map<String, String> states = Objects.requireNonNull(schedule.lastScheduleStates(), "lastScheduleStates");
        return template.logs().listAll(new LogFilter().messageIds(states.keySet().toArray(String[]::new)));
    }

}
