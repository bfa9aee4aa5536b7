package io.github.qstashspring.broker.store;

import org.jspecify.annotations.Nullable;

/**
 * A flow-control key's configuration and rate window.
 *
 * @param key the key
 * @param parallelism the most deliveries in flight, or {@code null} for no limit
 * @param rate the most deliveries started per period, or {@code null} for no limit
 * @param periodSeconds the rate period
 * @param pinnedParallelism whether the parallelism ignores the messages' values
 * @param pinnedRate whether the rate and period ignore the messages' values
 * @param paused whether no delivery starts
 * @param periodStart when the current rate period started (epoch milliseconds)
 * @param rateCount deliveries started in the current period
 */
public record FlowKey(String key, @Nullable Integer parallelism, @Nullable Integer rate, long periodSeconds,
        boolean pinnedParallelism, boolean pinnedRate, boolean paused, long periodStart, int rateCount) {
}
