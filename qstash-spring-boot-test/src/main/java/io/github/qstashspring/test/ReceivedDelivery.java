package io.github.qstashspring.test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One signed request the application received (a QStash delivery, callback or failure
 * callback), as it arrived on the wire, and the status the application answered.
 *
 * @param path the request path inside the application (without the servlet context path)
 * @param query the query string, or {@code null}
 * @param messageId the {@code Upstash-Message-Id} header, or {@code null}
 * @param retried the {@code Upstash-Retried} header: {@code 0} on the first attempt
 * @param headers the request headers (names as received)
 * @param body the raw body
 * @param status the status the application answered
 */
public record ReceivedDelivery(String path, @Nullable String query, @Nullable String messageId, int retried,
        Map<String, List<String>> headers, byte[] body, int status) {

    /**
     * The body as UTF-8 text.
     * @return the body
     */
    public String bodyAsString() {
        return new String(this.body, StandardCharsets.UTF_8);
    }

    /**
     * The first value of a header, ignoring the case of the name.
     * @param name the header name
     * @return the value, or {@code null} when absent
     */
    public @Nullable String header(String name) {
        for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * Whether the application answered with a 2xx status (QStash counts the delivery as done).
     * @return whether the answer was a success
     */
    public boolean isSuccess() {
        return this.status >= 200 && this.status < 300;
    }
}
