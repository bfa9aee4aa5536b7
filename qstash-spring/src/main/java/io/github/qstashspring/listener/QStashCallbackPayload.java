package io.github.qstashspring.listener;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The JSON QStash posts to a callback ({@code Upstash-Callback}) or failure-callback
 * ({@code Upstash-Failure-Callback}) URL, with {@code body} and {@code sourceBody}
 * already base64-decoded. Declare it as a {@link QStashListener} parameter on the
 * callback endpoint. Header values and timestamps are accepted both as documented (string
 * arrays, numbers) and in the alternative forms seen in QStash's docs (plain strings,
 * quoted numbers).
 *
 * @param status the HTTP status the destination answered
 * @param header the destination's response headers
 * @param body the destination's response body (decoded bytes)
 * @param retried how many retries had been performed
 * @param maxRetries the maximum number of retries of the message
 * @param dlqId the DLQ entry id, present on failure callbacks only
 * @param sourceMessageId the id of the message the callback is about
 * @param topicName the URL group the message was published to, if any
 * @param endpointName the name of the URL-group endpoint, if any
 * @param url the destination URL
 * @param method the HTTP method used towards the destination
 * @param sourceHeader the headers of the original message
 * @param sourceBody the body of the original message (decoded bytes)
 * @param notBefore when the message became deliverable, if known
 * @param createdAt when the message was created, if known
 * @param scheduleId the schedule that produced the message, if any
 * @param callerIp the IP address of the original publisher, if known
 */
public record QStashCallbackPayload(int status, Map<String, List<String>> header, byte[] body, int retried,
        int maxRetries, @Nullable String dlqId, @Nullable String sourceMessageId, @Nullable String topicName,
        @Nullable String endpointName, @Nullable String url, @Nullable String method,
        Map<String, List<String>> sourceHeader, byte[] sourceBody, @Nullable Instant notBefore,
        @Nullable Instant createdAt, @Nullable String scheduleId, @Nullable String callerIp) {

    /**
     * The destination's response body as UTF-8 text.
     * @return the decoded body
     */
    public String bodyAsString() {
        return new String(this.body, StandardCharsets.UTF_8);
    }

    /**
     * The original message body as UTF-8 text.
     * @return the decoded source body
     */
    public String sourceBodyAsString() {
        return new String(this.sourceBody, StandardCharsets.UTF_8);
    }

    /**
     * Whether this is a failure callback (retries exhausted, message in the DLQ).
     * @return {@code true} when {@link #dlqId()} is present
     */
    public boolean isFailureCallback() {
        return this.dlqId != null;
    }

    /**
     * Whether the destination acknowledged the delivery.
     * @return {@code true} for a 2xx {@link #status()}
     */
    public boolean isSuccess() {
        return this.status >= 200 && this.status < 300;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || (other instanceof QStashCallbackPayload that && this.status == that.status
                && this.retried == that.retried && this.maxRetries == that.maxRetries
                && Arrays.equals(this.body, that.body) && Arrays.equals(this.sourceBody, that.sourceBody)
                && this.header.equals(that.header) && this.sourceHeader.equals(that.sourceHeader)
                && Objects.equals(this.dlqId, that.dlqId) && Objects.equals(this.sourceMessageId, that.sourceMessageId)
                && Objects.equals(this.topicName, that.topicName)
                && Objects.equals(this.endpointName, that.endpointName) && Objects.equals(this.url, that.url)
                && Objects.equals(this.method, that.method) && Objects.equals(this.notBefore, that.notBefore)
                && Objects.equals(this.createdAt, that.createdAt) && Objects.equals(this.scheduleId, that.scheduleId)
                && Objects.equals(this.callerIp, that.callerIp));
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.status, this.sourceMessageId, this.dlqId, this.retried, Arrays.hashCode(this.body));
    }

    @Override
    public String toString() {
        return "QStashCallbackPayload[status=" + this.status + ", sourceMessageId=" + this.sourceMessageId
                + ", retried=" + this.retried + "/" + this.maxRetries + ", dlqId=" + this.dlqId + ", url=" + this.url
                + ", body=" + this.body.length + " bytes]";
    }
}
