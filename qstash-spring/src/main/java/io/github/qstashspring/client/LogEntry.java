package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One state change of a message ({@code GET /v2/events}).
 *
 * @param time when it happened
 * @param messageId the message
 * @param state {@code CREATED}, {@code ACTIVE}, {@code RETRY}, {@code ERROR},
 * {@code DELIVERED}, {@code FAILED}, {@code CANCEL_REQUESTED} or {@code CANCELED}
 * @param error the error of a failed attempt
 * @param nextDeliveryTime when the next attempt is due
 * @param url the destination URL
 * @param urlGroup the URL group ({@code topicName})
 * @param endpointName the URL-group endpoint name
 * @param scheduleId the schedule that produced the message
 * @param queueName the queue of the message
 * @param header the message headers
 * @param body the message body, base64
 * @param responseStatus status of the attempt
 * @param responseBody body of the attempt's response, base64
 * @param method HTTP method
 * @param maxRetries retries the message gets
 * @param labels the labels
 */
public record LogEntry(@Nullable Instant time, String messageId, String state, @Nullable String error,
        @Nullable Instant nextDeliveryTime, @Nullable String url, @JsonProperty("topicName") @Nullable String urlGroup,
        @Nullable String endpointName, @Nullable String scheduleId, @Nullable String queueName,
        @Nullable Map<String, Object> header, @Nullable String body, @Nullable Integer responseStatus,
        @Nullable String responseBody, @Nullable String method, @Nullable Integer maxRetries,
        @JsonAlias("label") @Nullable List<String> labels) {
}
