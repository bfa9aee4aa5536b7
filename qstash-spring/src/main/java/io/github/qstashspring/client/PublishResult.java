package io.github.qstashspring.client;

import org.jspecify.annotations.Nullable;

/**
 * One message QStash created:
 * {@code {"messageId":"msg_...","url":"...","deduplicated":true}}.
 *
 * @param messageId the id of the message (or of the existing one when deduplicated)
 * @param url the endpoint URL; set for URL-group publishes, may be {@code null} otherwise
 * @param deduplicated whether QStash recognised a duplicate and created nothing new
 */
public record PublishResult(String messageId, @Nullable String url, boolean deduplicated) {
}
