package io.github.qstashspring.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import io.github.qstashspring.broker.EmbeddedQStashBroker.Status;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.jspecify.annotations.Nullable;

/**
 * Reads the broker's {@link Status} for its health indicator, its actuator section and
 * its gauges. The database part (counts, oldest due message) costs five short statements
 * on indexes; it is read at most once per {@link #MAX_AGE}, however many probes and
 * scrapes ask, and each count stops at {@link #COUNT_BOUND}, so that a huge backlog does
 * not make a scrape slow. The dispatcher's part is read live.
 */
final class BrokerMonitor {

    /** How long the counts read from the database are reused. */
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    /** Where the counts stop. */
    static final int COUNT_BOUND = 100_000;

    private final MessageStore messages;

    private final Dispatcher dispatcher;

    private final Clock clock;

    private final long maxAgeNanos;

    private @Nullable Counts counts;

    private long countedAt;

    BrokerMonitor(MessageStore messages, Dispatcher dispatcher, Clock clock, Duration maxAge) {
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * @return the broker's status, its counts at most {@link #MAX_AGE} old
     */
    Status status() {
        Counts counts = counts();
        Duration oldestDueAge = (counts.oldestDue != null)
                ? Duration.ofMillis(Math.max(0, counts.readAt.toEpochMilli() - counts.oldestDue)) : null;
        return new Status(counts.error == null, counts.error, this.dispatcher.isDispatching(),
                this.dispatcher.inFlight(), counts.queued, counts.pending, counts.active, counts.deadLetters,
                oldestDueAge, counts.readAt);
    }

    private synchronized Counts counts() {
        long now = System.nanoTime();
        Counts current = this.counts;
        if (current == null || now - this.countedAt >= this.maxAgeNanos) {
            current = read();
            this.counts = current;
            this.countedAt = now;
        }
        return current;
    }

    private Counts read() {
        Instant readAt = this.clock.instant();
        try {
            OptionalLong oldestDue = this.messages.oldestDue(readAt.toEpochMilli());
            return new Counts(count(State.QUEUED), count(State.PENDING), count(State.ACTIVE), count(State.FAILED),
                    oldestDue.isPresent() ? oldestDue.getAsLong() : null, readAt, null);
        }
        catch (RuntimeException ex) {
            return new Counts(0, 0, 0, 0, null, readAt, ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }

    private long count(State state) {
        return this.messages.countUpTo(state, COUNT_BOUND);
    }

    private record Counts(long queued, long pending, long active, long deadLetters, @Nullable Long oldestDue,
            Instant readAt, @Nullable String error) {
    }

}
