package io.github.qstashspring.listener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link QStashDuplicateStore} in the application's memory: ids expire after a time to
 * live and the oldest are evicted beyond a maximum count. Lost on restart and not shared
 * between instances; fine for a single instance, where it catches the usual duplicate (a
 * redelivery after a lost acknowledgement).
 */
public final class InMemoryQStashDuplicateStore implements QStashDuplicateStore {

    private final Map<String, Instant> processed = new LinkedHashMap<>();

    private final Set<String> running = new HashSet<>();

    private final Duration timeToLive;

    private final int maxEntries;

    private final Clock clock;

    /**
     * Creates a store.
     * @param timeToLive how long a processed id is remembered
     * @param maxEntries how many ids are remembered at most (oldest evicted first)
     * @param clock the clock expiry is measured with
     */
    public InMemoryQStashDuplicateStore(Duration timeToLive, int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public synchronized boolean isProcessed(String listenerId, String messageId) {
        evictExpired();
        return this.processed.containsKey(key(listenerId, messageId));
    }

    @Override
    public synchronized boolean tryClaim(String listenerId, String messageId) {
        evictExpired();
        String key = key(listenerId, messageId);
        return !this.processed.containsKey(key) && this.running.add(key);
    }

    @Override
    public synchronized void release(String listenerId, String messageId) {
        this.running.remove(key(listenerId, messageId));
    }

    @Override
    public synchronized void markProcessed(String listenerId, String messageId) {
        evictExpired();
        String key = key(listenerId, messageId);
        this.running.remove(key);
        this.processed.remove(key);
        this.processed.put(key, this.clock.instant().plus(this.timeToLive));
        while (this.processed.size() > this.maxEntries) {
            Iterator<String> oldest = this.processed.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void evictExpired() {
        Instant now = this.clock.instant();
        Iterator<Instant> expiries = this.processed.values().iterator();
        while (expiries.hasNext()) {
            if (!expiries.next().isAfter(now)) {
                expiries.remove();
            }
            else {
                return;
            }
        }
    }

    private static String key(String listenerId, String messageId) {
        return listenerId + '\n' + messageId;
    }

}
