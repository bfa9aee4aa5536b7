package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Selects failed workflow runs in the DLQ, to list, resume, restart or delete them.
 * Values of one filter are ORed, different filters are ANDed; an empty filter selects
 * every entry.
 *
 * <pre>{@code
 * qstash.workflows().dlq().restart(new WorkflowDlqFilter().label("signup"));
 * }</pre>
 */
public final class WorkflowDlqFilter {

    private final FormQuery.Parameters parameters = new FormQuery.Parameters();

    private String @Nullable [] dlqIds;

    private @Nullable Integer count;

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
        this.parameters.add("workflowUrl", urls);
        return this;
    }

    /**
     * Only the entry of this run ({@code workflowRunId}).
     * @param workflowRunId the run id
     * @return this filter
     */
    public WorkflowDlqFilter workflowRunId(String workflowRunId) {
        this.parameters.add("workflowRunId", workflowRunId);
        return this;
    }

    /**
     * Only the run created at this instant ({@code workflowCreatedAt}, Unix
     * milliseconds).
     * @param createdAt the creation time
     * @return this filter
     */
    public WorkflowDlqFilter workflowCreatedAt(Instant createdAt) {
        this.parameters.add("workflowCreatedAt", Long.toString(createdAt.toEpochMilli()));
        return this;
    }

    /**
     * Only entries whose failure callback is in this state
     * ({@code failureFunctionState}): {@code CALLBACK_INPROGRESS},
     * {@code CALLBACK_SUCCESS}, {@code CALLBACK_FAIL} or {@code CALLBACK_CANCELED}.
     * @param state the state
     * @return this filter
     */
    public WorkflowDlqFilter failureFunctionState(String state) {
        this.parameters.add("failureFunctionState", state);
        return this;
    }

    /**
     * Only entries with one of these labels ({@code label}).
     * @param labels the labels
     * @return this filter
     */
    public WorkflowDlqFilter label(String... labels) {
        this.parameters.add("label", labels);
        return this;
    }

    /**
     * Only entries from this instant on ({@code fromDate}, Unix milliseconds).
     * @param from the earliest instant
     * @return this filter
     */
    public WorkflowDlqFilter fromDate(Instant from) {
        this.parameters.add("fromDate", Long.toString(from.toEpochMilli()));
        return this;
    }

    /**
     * Only entries up to this instant ({@code toDate}, Unix milliseconds).
     * @param to the latest instant
     * @return this filter
     */
    public WorkflowDlqFilter toDate(Instant to) {
        this.parameters.add("toDate", Long.toString(to.toEpochMilli()));
        return this;
    }

    /**
     * Only entries of runs triggered from one of these IP addresses ({@code callerIp}).
     * @param callerIps the IP addresses
     * @return this filter
     */
    public WorkflowDlqFilter callerIp(String... callerIps) {
        this.parameters.add("callerIp", callerIps);
        return this;
    }

    /**
     * Only entries with one of these flow-control keys ({@code flowControlKey}).
     * @param keys the keys
     * @return this filter
     */
    public WorkflowDlqFilter flowControlKey(String... keys) {
        this.parameters.add("flowControlKey", keys);
        return this;
    }

    /**
     * Entries per page, or per bulk call ({@code count}; 100 for bulk calls unless set).
     * @param count the number of entries
     * @return this filter
     */
    public WorkflowDlqFilter count(int count) {
        this.count = count;
        return this;
    }

    String @Nullable [] dlqIds() {
        return this.dlqIds;
    }

    @Nullable Integer count() {
        return this.count;
    }

    Map<String, List<String>> parameters() {
        return this.parameters.asMap();
    }

}
