package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Selects workflow runs in the logs
 * ({@code GET /v2/workflows/events?groupBy=workflowRunId&...}). Values of one filter are
 * ORed, different filters are ANDed; an empty filter selects every run.
 *
 * <pre>{@code
 * CursorPage<WorkflowRunLog> page = qstash.workflows().logs(new WorkflowLogFilter().state("RUN_FAILED"));
 * }</pre>
 */
public final class WorkflowLogFilter {

    private final FormQuery.Parameters parameters = new FormQuery.Parameters();

    private @Nullable Integer count;

    /** Creates an empty filter (every run). */
    public WorkflowLogFilter() {
    }

    /**
     * Only this run ({@code workflowRunId}).
     * @param workflowRunId the run id
     * @return this filter
     */
    public WorkflowLogFilter workflowRunId(String workflowRunId) {
        this.parameters.add("workflowRunId", workflowRunId);
        return this;
    }

    /**
     * Only runs of these workflow URLs, exact match ({@code workflowUrl}).
     * @param urls the workflow URLs
     * @return this filter
     */
    public WorkflowLogFilter workflowUrl(String... urls) {
        this.parameters.add("workflowUrl", urls);
        return this;
    }

    /**
     * Only the run created at this instant, to tell apart runs that reused an id
     * ({@code workflowCreatedAt}, Unix milliseconds).
     * @param createdAt the creation time
     * @return this filter
     */
    public WorkflowLogFilter workflowCreatedAt(Instant createdAt) {
        this.parameters.add("workflowCreatedAt", Long.toString(createdAt.toEpochMilli()));
        return this;
    }

    /**
     * Only runs in this state ({@code state}): {@code RUN_STARTED}, {@code RUN_SUCCESS},
     * {@code RUN_FAILED} or {@code RUN_CANCELED}.
     * @param state the state
     * @return this filter
     */
    public WorkflowLogFilter state(String state) {
        this.parameters.add("state", state);
        return this;
    }

    /**
     * Only runs with one of these labels ({@code label}).
     * @param labels the labels
     * @return this filter
     */
    public WorkflowLogFilter label(String... labels) {
        this.parameters.add("label", labels);
        return this;
    }

    /**
     * Only runs from this instant on ({@code fromDate}, Unix milliseconds).
     * @param from the earliest instant
     * @return this filter
     */
    public WorkflowLogFilter fromDate(Instant from) {
        this.parameters.add("fromDate", Long.toString(from.toEpochMilli()));
        return this;
    }

    /**
     * Only runs up to this instant ({@code toDate}, Unix milliseconds).
     * @param to the latest instant
     * @return this filter
     */
    public WorkflowLogFilter toDate(Instant to) {
        this.parameters.add("toDate", Long.toString(to.toEpochMilli()));
        return this;
    }

    /**
     * Only runs triggered from one of these IP addresses ({@code callerIp}).
     * @param callerIps the IP addresses
     * @return this filter
     */
    public WorkflowLogFilter callerIp(String... callerIps) {
        this.parameters.add("callerIp", callerIps);
        return this;
    }

    /**
     * Only runs with one of these flow-control keys ({@code flowControlKey}).
     * @param keys the keys
     * @return this filter
     */
    public WorkflowLogFilter flowControlKey(String... keys) {
        this.parameters.add("flowControlKey", keys);
        return this;
    }

    /**
     * Only the run with this message ({@code messageId}).
     * @param messageId the message id
     * @return this filter
     */
    public WorkflowLogFilter messageId(String messageId) {
        this.parameters.add("messageId", messageId);
        return this;
    }

    /**
     * Only runs whose workflow URL has one of these hosts ({@code host}).
     * @param hosts the hosts
     * @return this filter
     */
    public WorkflowLogFilter host(String... hosts) {
        this.parameters.add("host", hosts);
        return this;
    }

    /**
     * Only runs whose workflow URL has one of these paths ({@code path}).
     * @param paths the paths
     * @return this filter
     */
    public WorkflowLogFilter path(String... paths) {
        this.parameters.add("path", paths);
        return this;
    }

    /**
     * Runs per page ({@code count}; QStash's default and maximum is 10).
     * @param count the page size
     * @return this filter
     */
    public WorkflowLogFilter count(int count) {
        this.count = count;
        return this;
    }

    @Nullable Integer count() {
        return this.count;
    }

    Map<String, List<String>> parameters() {
        return this.parameters.asMap();
    }

}
