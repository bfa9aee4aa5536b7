package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.MessageStore.LogCount;
import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What the dashboard's overview shows: the messages by state, the DLQ, schedules, queues
 * and URL groups now, and the activity of a recent window in time buckets, read from the
 * log.
 * <p>
 * The backlog (messages waiting in a queue, pending or being delivered) is counted now;
 * its past values are derived backwards from the log: at the end of a bucket it was the
 * backlog at the end of the next bucket, less the messages created in that next bucket,
 * plus those delivered, failed or cancelled in it. Log entries already expired or deleted
 * make the past values approximate; they are never below zero.
 */
final class BrokerStats {

    private static final List<String> TERMINAL = List.of("DELIVERED", "FAILED", "CANCELED");

    private final TransactionOperations transactions;

    private final MessageStore messages;

    private final ResourceStore resources;

    private final Clock clock;

    BrokerStats(TransactionOperations transactions, MessageStore messages, ResourceStore resources, Clock clock) {
        this.transactions = transactions;
        this.messages = messages;
        this.resources = resources;
        this.clock = clock;
    }

    /**
     * Reads the figures now.
     * @param windowMillis the length of the window of the series
     * @param stepMillis the width of a bucket (divides the window)
     * @return the figures as the API's JSON shows them
     */
    Map<String, Object> read(long windowMillis, long stepMillis) {
        Map<String, Object> result = this.transactions
            .execute((status) -> read(this.clock.millis(), windowMillis, stepMillis));
        return (result != null) ? result : Map.of();
    }

    private Map<String, Object> read(long now, long windowMillis, long stepMillis) {
        long to = (now / stepMillis + 1) * stepMillis;
        long from = to - windowMillis;
        int buckets = (int) (windowMillis / stepMillis);
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (LogCount count : this.messages.countLogs(from, to, stepMillis)) {
            int bucket = (int) ((count.bucketStart() - from) / stepMillis);
            counts.computeIfAbsent(count.state(), (state) -> new long[buckets])[bucket] += count.count();
        }
        Map<String, Long> states = new LinkedHashMap<>();
        for (State state : State.values()) {
            states.put(state.name(), this.messages.count(state));
        }
        long backlog = states.get(State.QUEUED.name()) + states.get(State.PENDING.name())
                + states.get(State.ACTIVE.name());
        List<ResourceStore.Queue> queues = this.resources.listQueues();
        List<ResourceStore.Schedule> schedules = this.resources.listSchedules();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("time", now);
        result.put("messages", states);
        result.put("backlog", backlog);
        result.put("dlq", states.get(State.FAILED.name()));
        result.put("queues", queues.size());
        result.put("pausedQueues", queues.stream().filter(ResourceStore.Queue::paused).count());
        result.put("schedules", schedules.size());
        result.put("pausedSchedules", schedules.stream().filter(ResourceStore.Schedule::paused).count());
        result.put("urlGroups", this.resources.listUrlGroups().size());
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("from", from);
        series.put("step", stepMillis);
        series.put("published", series(counts, buckets, "CREATED"));
        series.put("delivered", series(counts, buckets, "DELIVERED"));
        series.put("errors", series(counts, buckets, "ERROR"));
        series.put("failed", series(counts, buckets, "FAILED"));
        series.put("backlog", backlog(counts, buckets, backlog));
        result.put("series", series);
        return result;
    }

    private static long[] series(Map<String, long[]> counts, int buckets, String state) {
        return counts.getOrDefault(state, new long[buckets]);
    }

    private static long[] backlog(Map<String, long[]> counts, int buckets, long now) {
        long[] created = series(counts, buckets, "CREATED");
        long[] backlog = new long[buckets];
        long value = now;
        for (int bucket = buckets - 1; bucket >= 0; bucket--) {
            backlog[bucket] = Math.max(0, value);
            value -= created[bucket];
            for (String state : TERMINAL) {
                value += series(counts, buckets, state)[bucket];
            }
        }
        return backlog;
    }

}
