package io.github.qstashspring.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand, so that a 12-second backoff or a one-day delay is
 * reached without waiting. Starts at the current time and stands still until moved.
 * Thread-safe.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    private final ZoneId zone;

    /** Creates a clock standing at the current system time. */
    public MutableClock() {
        this(Instant.now(), ZoneOffset.UTC);
    }

    /**
     * Creates a clock standing at the given time.
     * @param start the time
     * @param zone the zone
     */
    public MutableClock(Instant start, ZoneId zone) {
        this.now = new AtomicReference<>(start);
        this.zone = zone;
    }

    /**
     * Moves the clock forward.
     * @param amount how far
     */
    public void advance(Duration amount) {
        this.now.updateAndGet((current) -> current.plus(amount));
    }

    /**
     * Sets the clock.
     * @param instant the new time
     */
    public void set(Instant instant) {
        this.now.set(instant);
    }

    @Override
    public Instant instant() {
        return this.now.get();
    }

    @Override
    public ZoneId getZone() {
        return this.zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(instant(), zone);
    }

}
