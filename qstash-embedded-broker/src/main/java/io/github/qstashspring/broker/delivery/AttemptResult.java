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
 * @param refused whether the destination was refused by the broker's destination policy
 * (no connection was opened; not retried)
 */
record AttemptResult(@Nullable Integer status, Map<String, List<String>> headers, byte[] body, @Nullable String error,
        boolean refused) {

    AttemptResult(@Nullable Integer status, Map<String, List<String>> headers, byte[] body, @Nullable String error) {
        this(status, headers, body, error, false);
    }

    static AttemptResult failure(String error) {
        return new AttemptResult(null, Map.of(), new byte[0], error);
    }

    /**
     * An attempt the destination policy refused before connecting: no response, no retry.
     * @param why the denial
     * @return the result
     */
    static AttemptResult refused(String why) {
        return new AttemptResult(null, Map.of(), new byte[0], why, true);
    }

    boolean delivered() {
        return this.status != null && this.status >= 200 && this.status < 300;
    }

    /**
     * A 489 with {@code Upstash-NonRetryable-Error: true}, or a refused destination: fail
     * at once, no retries.
     */
    boolean nonRetryable() {
        if (this.refused) {
            return true;
        }
        if (this.status == null || this.status != 489) {
            return false;
        }
        List<String> values = this.headers.get("Upstash-Nonretryable-Error");
        return values != null && values.stream().anyMatch((value) -> value.trim().equalsIgnoreCase("true"));
    }
}
