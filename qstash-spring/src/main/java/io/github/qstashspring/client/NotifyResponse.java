package io.github.qstashspring.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One workflow run a notification reached: {@code POST /v2/notify/...} answers one per
 * waiting run.
 *
 * @param waiter the wait that was resolved
 * @param messageId the message that resumes the run
 * @param deduplicated whether the resumption was a duplicate
 * @param error why this waiter could not be notified, empty when it was
 * @param workflowRunId the run that was waiting
 * @param workflowCreatedAt when that run was created, in Unix milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotifyResponse(@Nullable Waiter waiter, @Nullable String messageId, @Nullable Boolean deduplicated,
        @Nullable String error, @Nullable String workflowRunId, @Nullable Long workflowCreatedAt) {
}
