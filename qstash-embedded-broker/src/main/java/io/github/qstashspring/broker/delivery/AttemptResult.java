package io.github.qstashspring.broker.delivery;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one delivery attempt got back.
 *
 * @param status the HTTP status, or {@code null} when no response arrived
 * @param headers the response headers (canonical names)
 * @param body the response body (truncated to the body limit)
 * @param error what went wrong, or {@code null} on success
 */
record AttemptResult(@Nullable Integer status, Map<String, List<String>> headers, byte[] body, @Nullable String error) {

    static AttemptResult failure(String error) {
        return new AttemptResult(null, Map.of(), new byte[0], error);
    }

    boolean delivered() {
        return this.status != null && this.status >= 200 && this.status < 300;
    }

    /** A 489 with {@code Upstash-NonRetryable-Error: true}: fail at once, no retries. */
    boolean nonRetryable() {
        if (this.status == null || this.status != 489) {
            return false;
        }
        List<String> values = this.headers.get("Upstash-Nonretryable-Error");
        return values != null && values.stream().anyMatch((value) -> value.trim().equalsIgnoreCase("true"));
    }
}
