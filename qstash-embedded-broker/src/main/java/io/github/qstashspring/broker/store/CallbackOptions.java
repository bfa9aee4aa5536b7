package io.github.qstashspring.broker.store;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How the callback (or failure callback) message of a message is to be sent, from the
 * {@code Upstash-Callback-*} (or {@code Upstash-Failure-Callback-*}) headers of the
 * publish request.
 *
 * @param method the HTTP method, {@code null} for POST
 * @param retries the retries, {@code null} for those of the original message
 * @param timeoutMs the per-attempt timeout in milliseconds, {@code null} for the default
 * @param retryDelayExpression the {@code Retry-Delay} expression, or {@code null}
 * @param delayMs the delay before the callback is sent, {@code null} for none
 * @param headers the headers forwarded to the callback URL
 */
public record CallbackOptions(@Nullable String method, @Nullable Integer retries, @Nullable Long timeoutMs,
        @Nullable String retryDelayExpression, @Nullable Long delayMs, Map<String, List<String>> headers) {
}
