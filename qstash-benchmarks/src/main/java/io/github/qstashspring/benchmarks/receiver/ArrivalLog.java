package io.github.qstashspring.benchmarks.receiver;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the receiver notes each delivered benchmark message: the first arrival time of
 * every id, how many deliveries were duplicates, and futures for callers waiting on one
 * id. A benchmark body starts with its decimal id followed by {@code '|'}.
 */
public final class ArrivalLog {

    private final ConcurrentHashMap<Long, Long> firstArrival = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<Long, CompletableFuture<Long>> waiters = new ConcurrentHashMap<>();

    private final AtomicLong deliveries = new AtomicLong();

    private final AtomicLong duplicates = new AtomicLong();

    /**
     * Builds a benchmark body: the id, {@code '|'}, then filler up to {@code size} bytes.
     * @param id the id
     * @param size the body size in bytes
     * @return the body
     */
    public static byte[] body(long id, int size) {
        byte[] prefix = (id + "|").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[Math.max(size, prefix.length)];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        for (int i = prefix.length; i < body.length; i++) {
            body[i] = (byte) ('a' + (i % 26));
        }
        return body;
    }

    /**
     * Reads the id of a benchmark body.
     * @param body the body
     * @return the id
     */
    public static long idOf(byte[] body) {
        long id = 0;
        for (byte b : body) {
            if (b == '|') {
                return id;
            }
            id = id * 10 + (b - '0');
        }
        throw new IllegalArgumentException("not a benchmark body");
    }

    /**
     * Notes one delivery now.
     * @param body the delivered body
     */
    public void arrived(byte[] body) {
        long now = System.nanoTime();
        long id = idOf(body);
        this.deliveries.incrementAndGet();
        if (this.firstArrival.putIfAbsent(id, now) != null) {
            this.duplicates.incrementAndGet();
            return;
        }
        CompletableFuture<Long> waiter = this.waiters.remove(id);
        if (waiter != null) {
            waiter.complete(now);
        }
    }

    /**
     * A future completed with the {@link System#nanoTime()} of the id's first arrival.
     * @param id the id
     * @return the future
     */
    public CompletableFuture<Long> arrival(long id) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        this.waiters.put(id, future);
        Long arrived = this.firstArrival.get(id);
        if (arrived != null) {
            this.waiters.remove(id);
            future.complete(arrived);
        }
        return future;
    }

    /**
     * @param id an id
     * @return the nanoTime of its first arrival, or {@code null}
     */
    public Long arrivedAt(long id) {
        return this.firstArrival.get(id);
    }

    /**
     * @param ids the ids that must have arrived
     * @return how many of them have not arrived
     */
    public long missing(Set<Long> ids) {
        return ids.stream().filter((id) -> !this.firstArrival.containsKey(id)).count();
    }

    /**
     * @return how many distinct ids arrived
     */
    public int distinct() {
        return this.firstArrival.size();
    }

    /**
     * @return deliveries of an id that had already arrived
     */
    public long duplicates() {
        return this.duplicates.get();
    }

    /** Forgets everything (between phases). */
    public void clear() {
        this.firstArrival.clear();
        this.waiters.clear();
        this.deliveries.set(0);
        this.duplicates.set(0);
    }

}
