package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A failed workflow run in the DLQ: the delivery that failed it and its last response.
 *
 * @param dlqId the DLQ entry id
 * @param messageId the message that failed
 * @param url the URL it was delivered to
 * @param method the HTTP method
 * @param header the headers of the message
 * @param body the body of the message
 * @param maxRetries the retries it had
 * @param notBefore its earliest delivery time
 * @param createdAt when it entered the DLQ
 * @param callerIp the IP address the run was triggered from
 * @param workflowRunId the run
 * @param workflowCreatedAt when the run was created
 * @param workflowUrl the workflow URL
 * @param responseStatus the status of the last attempt
 * @param responseHeader the headers of the last attempt
 * @param responseBody the body of the last attempt
 * @param failureCallback the URL of the failure callback
 * @param failureCallbackInfo what the failure callback answered
 * @param flowControlKey the flow-control key
 * @param label the first label (deprecated by QStash in favour of {@code labels})
 * @param labels the labels
 */
public record WorkflowDlqMessage(String dlqId, @Nullable String messageId, @Nullable String url,
        @Nullable String method, @Nullable Map<String, List<String>> header, @Nullable String body,
        @Nullable Integer maxRetries, @Nullable Instant notBefore, @Nullable Instant createdAt,
        @JsonProperty("callerIP") @JsonAlias("callerIp") @Nullable String callerIp, @Nullable String workflowRunId,
        @Nullable Instant workflowCreatedAt, @Nullable String workflowUrl, @Nullable Integer responseStatus,
        @Nullable Map<String, List<String>> responseHeader, @Nullable String responseBody,
        @Nullable String failureCallback, @Nullable FailureCallbackInfo failureCallbackInfo,
        @Nullable String flowControlKey, @Nullable String label, @Nullable List<String> labels) {

    /**
     * The state of a failed run's failure callback.
     *
     * @param state {@code CALLBACK_INPROGRESS}, {@code CALLBACK_SUCCESS},
     * {@code CALLBACK_FAIL} or {@code CALLBACK_CANCELED}
     * @param responseStatus the status it answered with
     * @param responseBody the body it answered with
     * @param responseHeaders the headers it answered with
     */
    public record FailureCallbackInfo(@Nullable String state, @Nullable Integer responseStatus,
            @Nullable String responseBody, @Nullable Map<String, List<String>> responseHeaders) {
    }

}
