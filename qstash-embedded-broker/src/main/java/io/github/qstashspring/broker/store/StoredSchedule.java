package io.github.qstashspring.broker.store;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A schedule row: the cron, the destination and the publish request (headers and body)
 * that every tick replays.
 *
 * @param id the schedule id
 * @param cron the cron expression as given (trimmed), with its optional {@code CRON_TZ=}
 * prefix
 * @param destination the URL or URL group name
 * @param queueName the queue each tick enqueues into, or {@code null}
 * @param requestHeaders the configuration and forwarded headers of the create request
 * @param body the body sent with every tick
 * @param callerIp the creator's address
 * @param paused whether ticks are skipped
 * @param createdAt epoch milliseconds
 * @param nextTickAt the next tick (epoch milliseconds)
 * @param lastTickAt the last tick, or {@code null}
 * @param lastMessageIds the messages of the last tick
 * @param lastError why the last tick produced no message, or {@code null}
 */
public record StoredSchedule(String id, String cron, String destination, @Nullable String queueName,
        Map<String, List<String>> requestHeaders, byte[] body, @Nullable String callerIp, boolean paused,
        long createdAt, long nextTickAt, @Nullable Long lastTickAt, List<String> lastMessageIds,
        @Nullable String lastError) {
}
