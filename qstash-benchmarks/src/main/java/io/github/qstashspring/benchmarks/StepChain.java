package io.github.qstashspring.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One chain of the {@code workflow} section: a workflow run (message 0 is the trigger,
 * messages 1 to {@code steps} its steps' results, then the end of the run) or a chain of
 * plain messages of the same length. The endpoint publishes message {@code k + 1} when
 * message {@code k} is delivered. Notes when each message was published, how often each
 * was delivered, and which next messages were claimed for publishing, so that a
 * redelivered message publishes nothing twice.
 */
final class StepChain {

    private final String id;

    private final ChainPhase phase;

    private final AtomicLongArray publishedAt;

    private final AtomicIntegerArray deliveries;

    private final AtomicIntegerArray claimed;

    private final CompletableFuture<Void> done = new CompletableFuture<>();

    StepChain(String id, ChainPhase phase) {
        this.id = id;
        this.phase = phase;
        this.publishedAt = new AtomicLongArray(phase.steps() + 1);
        this.deliveries = new AtomicIntegerArray(phase.steps() + 1);
        // 1 to steps: publishing message k (message 0 is published by the start);
        // steps + 1: ending the chain.
        this.claimed = new AtomicIntegerArray(phase.steps() + 2);
    }

    String id() {
        return this.id;
    }

    ChainPhase phase() {
        return this.phase;
    }

    int steps() {
        return this.phase.steps();
    }

    /**
     * Claims message {@code k} (or the end, {@code steps + 1}) for publishing.
     * @param k the message
     * @return whether this caller publishes it (nobody did or does)
     */
    boolean claim(int k) {
        return this.claimed.compareAndSet(k, 0, 1);
    }

    /**
     * Gives a claim back after a failed publish, for a redelivery to publish again.
     * @param k the message
     */
    void release(int k) {
        this.claimed.set(k, 0);
    }

    /**
     * Notes that message {@code k} is being published now.
     * @param k the message
     * @param nanoTime {@link System#nanoTime()} just before the publish request
     */
    void publishing(int k, long nanoTime) {
        this.publishedAt.set(k, nanoTime);
    }

    /**
     * Notes a delivery of message {@code k}.
     * @param k the message
     * @param nanoTime when it arrived
     * @return the time from its publish to this arrival in nanoseconds, or {@code -1} for
     * a redelivery
     */
    long delivered(int k, long nanoTime) {
        return (this.deliveries.incrementAndGet(k) == 1) ? nanoTime - this.publishedAt.get(k) : -1;
    }

    /** Notes that the chain ended (for a run: the broker accepted its end). */
    void complete() {
        this.done.complete(null);
    }

    CompletableFuture<Void> done() {
        return this.done;
    }

}
