package io.github.qstashspring.broker.store;

import java.time.Duration;

/**
 * When a group-commit leader waits for more work before committing. It keeps a moving
 * average of the time between arrivals and waits only while work arrives often (that
 * average below {@code gap}): for about two average gaps after each arrival, and at most
 * {@code max} in all. On an idle broker it never waits. Not thread-safe:
 * {@link GroupCommit} calls it under its lock.
 */
final class Linger {

    /** Weight of a new gap in the moving average: 1/8. */
    private static final int SMOOTHING = 8;

    private static final long UNKNOWN = Long.MAX_VALUE / 4;

    /**
     * The longest gap counted: after an idle hour the average comes back in tens of
     * arrivals.
     */
    private static final long LONGEST_GAP = 1_000_000_000L;

    private final long gapNanos;

    private final long maxNanos;

    private long averageGapNanos = UNKNOWN;

    private long lastArrivalNanos;

    private boolean arrivedBefore;

    Linger(Duration gap, Duration max) {
        this.gapNanos = gap.toNanos();
        this.maxNanos = max.toNanos();
    }

    /**
     * Notes an arrival.
     * @param nanoTime when ({@link System#nanoTime()})
     */
    void arrived(long nanoTime) {
        if (this.arrivedBefore) {
            long gap = Math.min(nanoTime - this.lastArrivalNanos, LONGEST_GAP);
            this.averageGapNanos = (this.averageGapNanos == UNKNOWN) ? gap
                    : this.averageGapNanos + (gap - this.averageGapNanos) / SMOOTHING;
        }
        this.arrivedBefore = true;
        this.lastArrivalNanos = nanoTime;
    }

    /**
     * How long a leader should wait for the next arrival.
     * @param lingeredNanos how long it waited already
     * @return nanoseconds to wait, or 0 (or less) to commit now
     */
    long nextWait(long lingeredNanos) {
        if (this.averageGapNanos >= this.gapNanos) {
            return 0;
        }
        return Math.min(2 * this.averageGapNanos, this.maxNanos - lingeredNanos);
    }

    /**
     * @return the moving average of the time between arrivals, in nanoseconds
     */
    long averageGapNanos() {
        return this.averageGapNanos;
    }

}
