package io.github.qstashspring.workflow;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A run that failed, as its failure handler gets it (see
 * {@link QStashWorkflow#failureHandler()}): the run's context (payload, headers, labels;
 * its steps cannot run any more) and the response that failed it.
 *
 * @param context the failed run
 * @param failStatus the status of the response that failed the run
 * @param failResponse the error message of that response
 * @param failHeaders the headers of that response
 * @param failStack the stack trace of the error, when the workflow sent one
 * @param dlqId the run's entry in the workflow DLQ
 * @param <T> the payload type
 */
public record WorkflowFailure<T>(WorkflowContext<T> context, int failStatus, String failResponse,
        Map<String, List<String>> failHeaders, String failStack, @Nullable String dlqId) {
}
