package io.github.qstashspring.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A workflow run the DLQ started again (resume, restart, failure callback retry).
 *
 * @param workflowRunId the id of the new run
 * @param workflowCreatedAt when it was created
 */
public record StartedRun(String workflowRunId, @Nullable Instant workflowCreatedAt) {
}
