package io.github.qstashspring.schedule;

import org.jspecify.annotations.Nullable;

/**
 * A {@link QStashSchedule} method with its attributes resolved: what the application
 * wants QStash to hold for it, except for the id prefix and the public URL, which are
 * known only at startup.
 *
 * @param origin the method, for logs and error messages
 * @param listenerPath the path of its listener, starting with {@code /}
 * @param listenerId the id of its listener
 * @param name the explicit name part of the schedule id, or {@code null} for the listener
 * id
 * @param cron the validated, normalised cron expression
 * @param body the body, or {@code null} for none
 * @param contentType the content type
 * @param retries the retries, or {@code null} for QStash's default
 * @param queue the queue, or {@code null} for direct delivery
 */
record ScheduledListener(String origin, String listenerPath, String listenerId, @Nullable String name, String cron,
        @Nullable String body, String contentType, @Nullable Integer retries, @Nullable String queue) {
}
