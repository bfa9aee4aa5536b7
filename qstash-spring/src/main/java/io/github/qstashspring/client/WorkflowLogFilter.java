package io.github.qstashspring.client;

import java.time.Instant;

/**
 * Selects workflow runs in the logs
 * ({@code GET /v2/workflows/events?groupBy=workflowRunId&...}); {@link #count} is the
 * page size (QStash's default and maximum is 10). An empty filter selects every run.
 *
 * <pre>{@code
 * CursorPage<WorkflowRunLog> page = qstash.workflows().logs(new WorkflowLogFilter().state("RUN_FAILED"));
 * }</pre>
 */
public final class WorkflowLogFilter extends WorkflowFilter<WorkflowLogFilter> {

    /** Creates an empty filter (every run). */
    public WorkflowLogFilter() {
    }

    /**
     * Only this run ({@code workflowRunId}).
     * @param workflowRunId the run id
     * @return this filter
     */
    public WorkflowLogFilter workflowRunId(String workflowRunId) {
        return add("workflowRunId", workflowRunId);
    }

    /**
     * Only runs of these workflow URLs, exact match ({@code workflowUrl}).
     * @param urls the workflow URLs
     * @return this filter
     */
    public WorkflowLogFilter workflowUrl(String... urls) {
        return add("workflowUrl", urls);
    }

    /**
     * Only the run created at this instant, to tell apart runs that reused an id
     * ({@code workflowCreatedAt}, Unix milliseconds).
     * @param createdAt the creation time
     * @return this filter
     */
    public WorkflowLogFilter workflowCreatedAt(Instant createdAt) {
        return add("workflowCreatedAt", Long.toString(createdAt.toEpochMilli()));
    }

    /**
     * Only runs in this state ({@code state}): {@code RUN_STARTED}, {@code RUN_SUCCESS},
     * {@code RUN_FAILED} or {@code RUN_CANCELED}.
     * @param state the state
     * @return this filter
     */
    public WorkflowLogFilter state(String state) {
        return add("state", state);
    }

    /**
     * Only the run with this message ({@code messageId}).
     * @param messageId the message id
     * @return this filter
     */
    public WorkflowLogFilter messageId(String messageId) {
        return add("messageId", messageId);
    }

    /**
     * Only runs whose workflow URL has one of these hosts ({@code host}).
     * @param hosts the hosts
     * @return this filter
     */
    public WorkflowLogFilter host(String... hosts) {
        return add("host", hosts);
    }

    /**
     * Only runs whose workflow URL has one of these paths ({@code path}).
     * @param paths the paths
     * @return this filter
     */
    public WorkflowLogFilter path(String... paths) {
        return add("path", paths);
    }

}
