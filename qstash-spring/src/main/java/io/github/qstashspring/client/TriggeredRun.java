package io.github.qstashspring.client;

/**
 * A workflow run a trigger started (or found already started).
 *
 * @param workflowRunId the run id, {@code wfr_...}
 * @param deduplicated whether QStash already knew a run with this id and started nothing
 */
public record TriggeredRun(String workflowRunId, boolean deduplicated) {
}
