package io.github.qstashspring.broker.message;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Filters of bulk cancel, the DLQ and the logs. Values of one filter are OR-ed, filters
 * are AND-ed; empty lists do not filter. When ids are given ({@code messageIds} or
 * {@code dlqIds}), the other filters are ignored, as QStash does.
 *
 * @param messageIds message ids
 * @param dlqIds DLQ ids
 * @param states log states ({@code IN_PROGRESS} stands for {@code ACTIVE}, {@code RETRY}
 * and {@code ERROR})
 * @param urls destination URLs
 * @param hosts destination hosts
 * @param paths destination paths
 * @param topicNames URL group names
 * @param queueNames queue names
 * @param scheduleIds schedule ids
 * @param labels labels
 * @param flowControlKeys flow-control keys
 * @param callerIps publisher IPs
 * @param responseStatuses last response statuses (DLQ)
 * @param fromDate earliest time, epoch milliseconds inclusive
 * @param toDate latest time, epoch milliseconds inclusive
 */
public record MessageFilter(List<String> messageIds, List<String> dlqIds, List<String> states, List<String> urls,
        List<String> hosts, List<String> paths, List<String> topicNames, List<String> queueNames,
        List<String> scheduleIds, List<String> labels, List<String> flowControlKeys, List<String> callerIps,
        List<Integer> responseStatuses, @Nullable Long fromDate, @Nullable Long toDate) {

    /** A filter that matches everything. */
    public static final MessageFilter ALL = new MessageFilter(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

}
