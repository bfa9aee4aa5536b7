package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A schedule as QStash stores it ({@code GET /v2/schedules/<id>}).
 *
 * @param scheduleId the id
 * @param cron the cron expression
 * @param destination URL or URL group name
 * @param createdAt when it was created
 * @param method HTTP method of the produced messages
 * @param header forwarded headers (without {@code Upstash-Forward-}) and
 * {@code Content-Type}
 * @param body the body, when UTF-8 text
 * @param bodyBase64 the body in base64, otherwise
 * @param retries retries of the produced messages
 * @param retryDelayExpression retry delay expression
 * @param delay delay of the produced messages, in seconds
 * @param timeout timeout of the produced messages
 * @param callback callback URL
 * @param failureCallback failure callback URL
 * @param callerIp IP address of the creator
 * @param paused whether the schedule is paused ({@code isPaused})
 * @param queueName queue the produced messages are enqueued into
 * @param flowControlKey flow-control key
 * @param parallelism flow-control parallelism
 * @param rate flow-control rate
 * @param period flow-control period in seconds
 * @param labels the labels
 * @param lastScheduleTime last trigger time
 * @param nextScheduleTime next trigger time
 * @param lastScheduleStates state of the messages of the last trigger, by message id
 */
public record Schedule(String scheduleId, String cron, String destination, @Nullable Instant createdAt,
        @Nullable String method, @Nullable Map<String, List<String>> header, @Nullable String body,
        @Nullable String bodyBase64, @Nullable Integer retries, @Nullable String retryDelayExpression,
        @Nullable Long delay, @Nullable Long timeout, @Nullable String callback, @Nullable String failureCallback,
        @JsonProperty("callerIP") @JsonAlias("callerIp") @Nullable String callerIp,
        @JsonProperty("isPaused") boolean paused, @Nullable String queueName, @Nullable String flowControlKey,
        @Nullable Integer parallelism, @Nullable Integer rate, @Nullable Long period, @Nullable List<String> labels,
        @Nullable Instant lastScheduleTime, @Nullable Instant nextScheduleTime,
        @Nullable Map<String, String> lastScheduleStates) {
}
