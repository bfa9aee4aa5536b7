package io.github.qstashspring.benchmarks.receiver;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Where the receiver notes each schedule tick delivered to {@code /bench/ticks}: the
 * {@link System#nanoTime()} of every first arrival of a message, in arrival order, and
 * how many deliveries repeated a message already received.
 */
public final class TickLog {

    private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();

    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();

    private final AtomicLong duplicates = new AtomicLong();

    /**
     * Notes one delivery now.
     * @param messageId the delivered message's id
     */
    public void arrived(String messageId) {
        long now = System.nanoTime();
        if (this.messageIds.add(messageId)) {
            this.arrivals.add(now);
        }
        else {
            this.duplicates.incrementAndGet();
        }
    }

    /**
     * Waits for the next tick not taken yet.
     * @param timeout how long to wait
     * @return its arrival ({@link System#nanoTime()}), or {@code null} when none arrived
     * in time
     * @throws InterruptedException when interrupted
     */
    public @Nullable Long next(Duration timeout) throws InterruptedException {
        return this.arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * @return how many ticks arrived and were not taken yet
     */
    public int waiting() {
        return this.arrivals.size();
    }

    /**
     * @return deliveries of a message that had already arrived
     */
    public long duplicates() {
        return this.duplicates.get();
    }

    /** Forgets everything. */
    public void clear() {
        this.arrivals.clear();
        this.messageIds.clear();
        this.duplicates.set(0);
    }

}
