package io.github.qstashspring.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Selects failed workflow runs in the DLQ, to list, resume, restart or delete them;
 * {@link #count} is the page size, or the most entries one bulk call acts on (100 unless
 * set). An empty filter selects every entry.
 *
 * <pre>{@code
 * qstash.workflows().dlq().restart(new WorkflowDlqFilter().label("signup"));
 * }</pre>
 */
public final class WorkflowDlqFilter extends WorkflowFilter<WorkflowDlqFilter> {

    private String @Nullable [] dlqIds;

    /** Creates an empty filter (every entry). */
    public WorkflowDlqFilter() {
    }

    /**
     * Exactly these entries ({@code dlqIds}); the other filters are then ignored.
     * @param dlqIds the DLQ ids
     * @return this filter
     */
    public WorkflowDlqFilter dlqIds(String... dlqIds) {
        this.dlqIds = dlqIds.clone();
        return this;
    }

    /**
     * Only entries of these workflow URLs ({@code workflowUrl}).
     * @param urls the workflow URLs
     * @return this filter
     */
    public WorkflowDlqFilter workflowUrl(String... urls) {
        return add("workflowUrl", urls);
    }

    /**
     * Only the entry of this run ({@code workflowRunId}).
     * @param workflowRunId the run id
     * @return this filter
     */
    public WorkflowDlqFilter workflowRunId(String workflowRunId) {
        return add("workflowRunId", workflowRunId);
    }

    /**
     * Only the run created at this instant ({@code workflowCreatedAt}, Unix
     * milliseconds).
     * @param createdAt the creation time
     * @return this filter
     */
    public WorkflowDlqFilter workflowCreatedAt(Instant createdAt) {
        return add("workflowCreatedAt", Long.toString(createdAt.toEpochMilli()));
    }

    /**
     * Only entries whose failure callback is in this state
     * ({@code failureFunctionState}): {@code CALLBACK_INPROGRESS},
     * {@code CALLBACK_SUCCESS}, {@code CALLBACK_FAIL} or {@code CALLBACK_CANCELED}.
     * @param state the state
     * @return this filter
     */
    public WorkflowDlqFilter failureFunctionState(String state) {
        return add("failureFunctionState", state);
    }

    String @Nullable [] dlqIds() {
        return this.dlqIds;
    }

}
