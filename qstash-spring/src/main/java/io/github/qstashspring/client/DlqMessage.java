package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A message in the dead letter queue: its retries are exhausted.
 *
 * @param dlqId the DLQ entry id (opaque, e.g. {@code 1725323658779-0})
 * @param messageId the id of the failed message
 * @param url the destination URL
 * @param urlGroup the URL group it was published to ({@code topicName})
 * @param endpointName the URL-group endpoint name
 * @param queueName the queue it was enqueued into
 * @param scheduleId the schedule that produced it
 * @param method the HTTP method of the delivery
 * @param header the forwarded headers and {@code Content-Type}
 * @param body the body, when UTF-8 text
 * @param bodyBase64 the body in base64, otherwise
 * @param maxRetries the retries it had
 * @param notBefore earliest delivery time
 * @param createdAt when QStash accepted it
 * @param callback callback URL
 * @param failureCallback failure callback URL
 * @param callerIp IP address of the publisher
 * @param flowControlKey flow-control key
 * @param labels the labels
 * @param responseStatus status of the last failed attempt
 * @param responseHeader headers of the last failed attempt
 * @param responseBody body of the last failed attempt, when UTF-8 text
 * @param responseBodyBase64 body of the last failed attempt in base64, otherwise
 */
public record DlqMessage(String dlqId, @Nullable String messageId, @Nullable String url,
        @JsonProperty("topicName") @Nullable String urlGroup, @Nullable String endpointName, @Nullable String queueName,
        @Nullable String scheduleId, @Nullable String method, @Nullable Map<String, List<String>> header,
        @Nullable String body, @Nullable String bodyBase64, @Nullable Integer maxRetries, @Nullable Instant notBefore,
        @Nullable Instant createdAt, @Nullable String callback, @Nullable String failureCallback,
        @JsonProperty("callerIP") @JsonAlias("callerIp") @Nullable String callerIp, @Nullable String flowControlKey,
        @Nullable List<String> labels, @Nullable Integer responseStatus,
        @Nullable Map<String, List<String>> responseHeader, @Nullable String responseBody,
        @Nullable String responseBodyBase64) {
}
