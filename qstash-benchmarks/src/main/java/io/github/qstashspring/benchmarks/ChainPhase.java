package io.github.qstashspring.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of one phase of the {@code workflow} section: {@code concurrency} chains at
 * a time, each of {@code steps} messages after the first (workflow runs, or chains of
 * plain messages), a new one started whenever one ends.
 */
public final class ChainPhase {

    /** The first and last steps compared by {@link #early()} and {@link #late()}. */
    public static final int WINDOW = 10;

    private final boolean workflow;

    private final int steps;

    private final int concurrency;

    private final Latencies delivery = new Latencies();

    private final Latencies early = new Latencies();

    private final Latencies late = new Latencies();

    private final Latencies first = new Latencies();

    private final Latencies publish = new Latencies();

    private final Latencies publishEarly = new Latencies();

    private final Latencies publishLate = new Latencies();

    private final AtomicLong started = new AtomicLong();

    private final AtomicLong completed = new AtomicLong();

    private final AtomicLong stepsDelivered = new AtomicLong();

    private final AtomicLong duplicates = new AtomicLong();

    private final AtomicLong failures = new AtomicLong();

    private final AtomicInteger largestDelivery = new AtomicInteger();

    private final StringBuffer firstFailure = new StringBuffer();

    private long nanos;

    /**
     * Creates the bookkeeping of a phase.
     * @param workflow whether its chains are workflow runs (else plain messages)
     * @param steps messages of each chain after the first
     * @param concurrency chains at a time
     */
    ChainPhase(boolean workflow, int steps, int concurrency) {
        this.workflow = workflow;
        this.steps = steps;
        this.concurrency = concurrency;
    }

    /**
     * @return whether its chains are workflow runs (else chains of plain messages)
     */
    public boolean workflow() {
        return this.workflow;
    }

    /**
     * @return messages of each chain after the first (the steps of a run)
     */
    public int steps() {
        return this.steps;
    }

    /**
     * @return chains at a time
     */
    public int concurrency() {
        return this.concurrency;
    }

    /**
     * @return from the publish of a step (1 to {@code steps}) to its first delivery
     */
    public Latencies delivery() {
        return this.delivery;
    }

    /**
     * @return {@link #delivery()} of steps 1 to {@value #WINDOW}
     */
    public Latencies early() {
        return this.early;
    }

    /**
     * @return {@link #delivery()} of the last {@value #WINDOW} steps
     */
    public Latencies late() {
        return this.late;
    }

    /**
     * @return from the publish of message 0 (a run's trigger) to its first delivery
     */
    public Latencies first() {
        return this.first;
    }

    /**
     * @return round-trip of a step's publish ({@code POST /v2/batch} or
     * {@code POST /v2/publish} until the broker's 2xx, i.e. until it is committed)
     */
    public Latencies publish() {
        return this.publish;
    }

    /**
     * @return {@link #publish()} of steps 1 to {@value #WINDOW}
     */
    public Latencies publishEarly() {
        return this.publishEarly;
    }

    /**
     * @return {@link #publish()} of the last {@value #WINDOW} steps
     */
    public Latencies publishLate() {
        return this.publishLate;
    }

    /**
     * @return chains started
     */
    public long started() {
        return this.started.get();
    }

    /**
     * @return chains that ended (every step delivered; for a run, its end accepted)
     */
    public long completed() {
        return this.completed.get();
    }

    /**
     * @return first deliveries of steps 1 to {@code steps}
     */
    public long stepsDelivered() {
        return this.stepsDelivered.get();
    }

    /**
     * @return steps of started chains that were never delivered
     */
    public long stepsMissing() {
        return started() * this.steps - stepsDelivered();
    }

    /**
     * @return deliveries of a message that had already been delivered
     */
    public long duplicates() {
        return this.duplicates.get();
    }

    /**
     * @return failures: chains not ended in time, failed publishes, rejected signatures,
     * histories out of order
     */
    public long failures() {
        return this.failures.get();
    }

    /**
     * @return the first failure, or "" when none
     */
    public String firstFailure() {
        return this.firstFailure.toString();
    }

    /**
     * @return the largest delivered body, in bytes (a run's whole history)
     */
    public int largestDelivery() {
        return this.largestDelivery.get();
    }

    /**
     * @return from the first start to the end of the last chain, in seconds
     */
    public double seconds() {
        return this.nanos / 1e9;
    }

    /**
     * @return steps delivered per second
     */
    public double stepsPerSecond() {
        return stepsDelivered() / seconds();
    }

    void chainStarted() {
        this.started.incrementAndGet();
    }

    void chainCompleted() {
        this.completed.incrementAndGet();
    }

    void published(int k, long nanos) {
        if (k > 0) {
            record(k, nanos, this.publish, this.publishEarly, this.publishLate);
        }
    }

    void delivered(int k, long latencyNanos, int bodyBytes) {
        this.largestDelivery.accumulateAndGet(bodyBytes, Math::max);
        if (latencyNanos < 0) {
            this.duplicates.incrementAndGet();
        }
        else if (k == 0) {
            this.first.recordNanos(latencyNanos);
        }
        else {
            this.stepsDelivered.incrementAndGet();
            record(k, latencyNanos, this.delivery, this.early, this.late);
        }
    }

    void failed(String failure) {
        if (this.failures.getAndIncrement() == 0) {
            this.firstFailure.append(failure);
        }
    }

    void finish(ClosedLoop.Result loop) {
        this.nanos = loop.nanos();
        for (long i = 0; i < loop.errors(); i++) {
            failed("a chain did not end: " + loop.firstError());
        }
    }

    private void record(int k, long nanos, Latencies all, Latencies first, Latencies last) {
        all.recordNanos(nanos);
        if (k <= WINDOW) {
            first.recordNanos(nanos);
        }
        if (k > this.steps - WINDOW) {
            last.recordNanos(nanos);
        }
    }

}
