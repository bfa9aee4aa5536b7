package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A message still waiting for delivery or being retried ({@code GET /v2/messages/<id>}).
 *
 * @param messageId the id
 * @param url the destination URL
 * @param urlGroup the URL group it was published to ({@code topicName})
 * @param endpointName the URL-group endpoint name
 * @param queueName the queue it was enqueued into
 * @param scheduleId the schedule that produced it
 * @param method the HTTP method of the delivery
 * @param header the forwarded headers (without {@code Upstash-Forward-}) and
 * {@code Content-Type}
 * @param body the body, when it is UTF-8 text
 * @param bodyBase64 the body in base64, when it is not UTF-8 text
 * @param maxRetries how many retries it gets
 * @param retryDelayExpression the retry delay expression, if one was given
 * @param notBefore earliest delivery time
 * @param createdAt when QStash accepted it
 * @param callback callback URL
 * @param failureCallback failure callback URL
 * @param callerIp IP address of the publisher
 * @param flowControlKey flow-control key
 * @param parallelism flow-control parallelism
 * @param rate flow-control rate
 * @param period flow-control period in seconds
 * @param labels the labels
 */
public record Message(String messageId, @Nullable String url, @JsonProperty("topicName") @Nullable String urlGroup,
        @Nullable String endpointName, @Nullable String queueName, @Nullable String scheduleId, @Nullable String method,
        @Nullable Map<String, List<String>> header, @Nullable String body, @Nullable String bodyBase64,
        @Nullable Integer maxRetries, @Nullable String retryDelayExpression, @Nullable Instant notBefore,
        @Nullable Instant createdAt, @Nullable String callback, @Nullable String failureCallback,
        @JsonProperty("callerIP") @JsonAlias("callerIp") @Nullable String callerIp, @Nullable String flowControlKey,
        @Nullable Integer parallelism, @Nullable Integer rate, @Nullable Long period, @Nullable List<String> labels) {
}
