package io.github.qstashspring.test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * @param responseBody the body the application answered (what QStash records as the
 * response)
 */
public record ReceivedDelivery(String path, @Nullable String query, @Nullable String messageId, int retried,
        Map<String, List<String>> headers, byte[] body, int status, byte[] responseBody) {

    /**
     * The body as UTF-8 text.
     * @return the body
     */
    public String bodyAsString() {
        return new String(this.body, StandardCharsets.UTF_8);
    }

    /**
     * The body the application answered, as UTF-8 text (for example the string a
     * {@code @QStashListener} method returned).
     * @return the answer's body
     */
    public String responseBodyAsString() {
        return new String(this.responseBody, StandardCharsets.UTF_8);
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
     * Compares all components, the bodies by content.
     * @param other the other object
     * @return whether both describe the same request and answer
     */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ReceivedDelivery that && this.path.equals(that.path)
                && Objects.equals(this.query, that.query) && Objects.equals(this.messageId, that.messageId)
                && this.retried == that.retried && this.headers.equals(that.headers)
                && Arrays.equals(this.body, that.body) && this.status == that.status
                && Arrays.equals(this.responseBody, that.responseBody);
    }

    /**
     * A hash of all components, the bodies by content.
     * @return the hash
     */
    @Override
    public int hashCode() {
        return 31 * Objects.hash(this.path, this.query, this.messageId, this.retried, this.headers, this.status)
                + 17 * Arrays.hashCode(this.body) + Arrays.hashCode(this.responseBody);
    }

    /**
     * A readable form for assertion messages: path, message id, attempt, status and the
     * body as text (shortened).
     * @return the description
     */
    @Override
    public String toString() {
        String text = bodyAsString();
        String shown = (text.length() > 200) ? text.substring(0, 200) + "..." : text;
        return "ReceivedDelivery[path=" + this.path + ((this.query != null) ? "?" + this.query : "") + ", messageId="
                + this.messageId + ", retried=" + this.retried + ", status=" + this.status + ", body=" + shown + "]";
    }

    /**
     * Whether the application answered with a 2xx status (QStash counts the delivery as
     * done).
     * @return whether the answer was a success
     */
    public boolean isSuccess() {
        return this.status >= 200 && this.status < 300;
    }
}
