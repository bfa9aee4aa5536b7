package io.github.qstashspring.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs at the speed of real time and that a test moves forward, so that a
 * cron mark an hour away is reached a second from now and the broker's <em>own</em> timer
 * has to fire the tick (unlike a {@link MutableClock}, which stands still and on which
 * ticks fire when the test moves the clock past them). Used by the benchmark that
 * measures cron tick lateness and by tests of the broker's timing. Time is derived from
 * {@link System#nanoTime()}, so it never jumps except when moved. Thread-safe.
 */
public final class FastForwardClock extends Clock {

    private final Instant origin;

    private final long originNanos;

    private final AtomicLong offsetNanos;

    private final ZoneId zone;

    /** Creates a clock that shows the current system time until it is moved. */
    public FastForwardClock() {
        this(Instant.now(), System.nanoTime(), new AtomicLong(), ZoneOffset.UTC);
    }

    private FastForwardClock(Instant origin, long originNanos, AtomicLong offsetNanos, ZoneId zone) {
        this.origin = origin;
        this.originNanos = originNanos;
        this.offsetNanos = offsetNanos;
        this.zone = zone;
    }

    /**
     * Moves the clock forward (or back, with a negative amount); it keeps running from
     * there.
     * @param amount how far
     */
    public void advance(Duration amount) {
        this.offsetNanos.addAndGet(amount.toNanos());
    }

    /**
     * Sets the clock; it keeps running from there.
     * @param instant the time the clock shows now
     */
    public void set(Instant instant) {
        long elapsed = System.nanoTime() - this.originNanos;
        this.offsetNanos.set(Duration.between(this.origin, instant).toNanos() - elapsed);
    }

    /**
     * The {@link System#nanoTime()} at which this clock shows a given time, if it is not
     * moved again: what a measurement compares an event's {@code nanoTime} with.
     * @param instant a time on this clock
     * @return the corresponding {@code System.nanoTime()}
     */
    public long nanoTimeAt(Instant instant) {
        return this.originNanos + Duration.between(this.origin, instant).toNanos() - this.offsetNanos.get();
    }

    @Override
    public Instant instant() {
        return this.origin.plusNanos(System.nanoTime() - this.originNanos + this.offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return this.zone;
    }

    /**
     * A view of this clock in another zone; moving either moves both.
     * @param zone the zone
     * @return the view
     */
    @Override
    public Clock withZone(ZoneId zone) {
        return new FastForwardClock(this.origin, this.originNanos, this.offsetNanos, zone);
    }

}
