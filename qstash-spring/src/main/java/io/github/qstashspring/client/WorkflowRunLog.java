package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One workflow run as the logs describe it ({@code GET /v2/workflows/events}): its state,
 * its steps in groups, and what happened on failure.
 *
 * @param workflowRunId the run id
 * @param workflowUrl the workflow URL
 * @param workflowState {@code RUN_STARTED}, {@code RUN_SUCCESS}, {@code RUN_FAILED} or
 * {@code RUN_CANCELED}
 * @param workflowRunCreatedAt when the run was created
 * @param workflowRunCompletedAt when it ended
 * @param workflowRunResponse what the workflow returned, as JSON text
 * @param dlqId the DLQ entry of a failed run
 * @param label the first label (deprecated by QStash in favour of {@code labels})
 * @param labels the labels
 * @param flowControlKey the flow-control key
 * @param workflowRunCallerIp the IP address the run was triggered from
 * @param invoker the run that invoked this one ({@code context.invoke})
 * @param failureFunction the failure callback of a failed run
 * @param steps the steps: {@code sequential} groups of one, {@code parallel} groups, and
 * a {@code next} group for what is pending
 */
public record WorkflowRunLog(String workflowRunId, @Nullable String workflowUrl, @Nullable String workflowState,
        @Nullable Instant workflowRunCreatedAt, @Nullable Instant workflowRunCompletedAt,
        @Nullable String workflowRunResponse, @Nullable String dlqId, @Nullable String label,
        @Nullable List<String> labels, @Nullable String flowControlKey, @Nullable String workflowRunCallerIp,
        @Nullable Invoker invoker, @Nullable FailureFunction failureFunction, @Nullable List<StepGroup> steps) {

    /**
     * The run that invoked a run.
     *
     * @param workflowRunId its run id
     * @param workflowUrl its workflow URL
     * @param workflowRunCreatedAt when it was created
     */
    public record Invoker(String workflowRunId, @Nullable String workflowUrl, @Nullable Instant workflowRunCreatedAt) {
    }

    /**
     * Steps that ran together.
     *
     * @param type {@code sequential}, {@code parallel} or {@code next}
     * @param steps the steps
     */
    public record StepGroup(String type, @Nullable List<Step> steps) {
    }

    /**
     * One step; the fields of its type are set, the others {@code null}.
     *
     * @param stepId the step id
     * @param stepName the step name
     * @param stepType {@code Initial}, {@code Run}, {@code SleepFor}, {@code SleepUntil},
     * {@code Call}, {@code Wait}, {@code Notify}, {@code Invoke}, {@code CreateWebhook}
     * or {@code WaitForWebhook}
     * @param callType {@code step}, {@code toCallback} or {@code fromCallback}
     * @param messageId the message of the step
     * @param out the step's result
     * @param retries the retries the step had
     * @param retryDelay the retry delay expression
     * @param concurrent how many steps ran in parallel with it (1 when sequential)
     * @param state {@code STEP_PROGRESS}, {@code STEP_SUCCESS}, {@code STEP_RETRY},
     * {@code STEP_FAILED} or {@code STEP_CANCELED}
     * @param createdAt when the step was created
     * @param headers the headers of the step's message
     * @param errors the failed attempts of a pending step
     * @param callUrl the URL of a call
     * @param callMethod the method of a call
     * @param callHeaders the headers of a call
     * @param callBody the body of a call
     * @param callResponseStatus the status the call got
     * @param callResponseBody the body the call got
     * @param callResponseHeaders the headers the call got
     * @param invokedWorkflowRunId the run an invoke started
     * @param invokedWorkflowUrl the workflow an invoke started
     * @param invokedWorkflowCreatedAt when that run was created
     * @param invokedWorkflowRunBody the payload of that run
     * @param invokedWorkflowRunHeaders the headers of that run
     * @param sleepFor the seconds a sleep lasted
     * @param sleepUntil the Unix seconds a sleep lasted until
     * @param waitEventId the event a wait waited for
     * @param waitTimeoutDuration the timeout of the wait
     * @param waitTimeoutDeadline when the wait times out
     * @param waitTimeout whether the wait timed out
     */
    public record Step(@Nullable Integer stepId, @Nullable String stepName, @Nullable String stepType,
            @Nullable String callType, @Nullable String messageId, @Nullable JsonNode out, @Nullable Integer retries,
            @Nullable String retryDelay, @Nullable Integer concurrent, @Nullable String state,
            @Nullable Instant createdAt, @Nullable Map<String, List<String>> headers, @Nullable List<StepError> errors,
            @Nullable String callUrl, @Nullable String callMethod, @Nullable Map<String, List<String>> callHeaders,
            @Nullable JsonNode callBody, @Nullable Integer callResponseStatus, @Nullable JsonNode callResponseBody,
            @Nullable Map<String, List<String>> callResponseHeaders, @Nullable String invokedWorkflowRunId,
            @Nullable String invokedWorkflowUrl, @Nullable Instant invokedWorkflowCreatedAt,
            @Nullable JsonNode invokedWorkflowRunBody, @Nullable Map<String, List<String>> invokedWorkflowRunHeaders,
            @Nullable Long sleepFor, @Nullable Long sleepUntil, @Nullable String waitEventId,
            @Nullable String waitTimeoutDuration, @Nullable Long waitTimeoutDeadline, @Nullable Boolean waitTimeout) {
    }

    /**
     * A failed attempt.
     *
     * @param error what went wrong
     * @param body the body of the response
     * @param headers the headers of the response
     * @param status the status of the response
     * @param time when it happened
     */
    public record StepError(@Nullable String error, @Nullable String body, @Nullable Map<String, List<String>> headers,
            @Nullable Integer status, @Nullable Instant time) {
    }

    /**
     * The failure callback of a failed run.
     *
     * @param messageId its message
     * @param url where it was sent
     * @param state {@code CALLBACK_INPROGRESS}, {@code CALLBACK_SUCCESS},
     * {@code CALLBACK_FAIL} or {@code CALLBACK_CANCELED}
     * @param failHeaders the headers of the response that failed the run
     * @param failStatus the status of that response
     * @param failResponse the body of that response
     * @param dlqId the DLQ entry of the run
     * @param errors its own failed attempts
     * @param responseBody what the failure callback answered
     * @param responseHeaders the headers it answered with
     * @param responseStatus the status it answered with
     * @param nextDeliveryTime when it is attempted next
     */
    public record FailureFunction(@Nullable String messageId, @Nullable String url, @Nullable String state,
            @Nullable Map<String, List<String>> failHeaders, @Nullable Integer failStatus,
            @Nullable String failResponse, @Nullable String dlqId, @Nullable List<StepError> errors,
            @Nullable String responseBody, @Nullable Map<String, List<String>> responseHeaders,
            @Nullable Integer responseStatus, @Nullable Instant nextDeliveryTime) {
    }

}
