package io.github.qstashspring.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Selects workflow runs to cancel ({@code DELETE /v2/workflows/runs?...}). Values of one
 * filter are ORed, different filters are ANDed. At least one filter must be set:
 * {@link QStashWorkflows#cancelAll()} cancels every run.
 *
 * <pre>{@code
 * qstash.workflows().cancel(new WorkflowRunFilter().workflowUrlStartingWith("https://my.app/workflows/"));
 * }</pre>
 */
public final class WorkflowRunFilter {

    private final FormQuery.Parameters parameters = new FormQuery.Parameters();

    private String @Nullable [] workflowUrls;

    private boolean exactUrl;

    private @Nullable Integer count;

    /** Creates an empty filter. */
    public WorkflowRunFilter() {
    }

    /**
     * Only runs of exactly these workflow URLs ({@code workflowUrl} with
     * {@code workflowUrlExactMatch=true}).
     * @param urls the workflow URLs
     * @return this filter
     */
    public WorkflowRunFilter workflowUrl(String... urls) {
        this.workflowUrls = urls.clone();
        this.exactUrl = true;
        return this;
    }

    /**
     * Only runs whose workflow URL starts with one of these prefixes
     * ({@code workflowUrl}).
     * @param prefixes the URL prefixes
     * @return this filter
     */
    public WorkflowRunFilter workflowUrlStartingWith(String... prefixes) {
        this.workflowUrls = prefixes.clone();
        this.exactUrl = false;
        return this;
    }

    /**
     * Only runs with one of these labels ({@code label}).
     * @param labels the labels
     * @return this filter
     */
    public WorkflowRunFilter label(String... labels) {
        this.parameters.add("label", labels);
        return this;
    }

    /**
     * Only runs created from this instant on ({@code fromDate}, Unix milliseconds).
     * @param from the earliest creation time
     * @return this filter
     */
    public WorkflowRunFilter fromDate(Instant from) {
        this.parameters.add("fromDate", Long.toString(from.toEpochMilli()));
        return this;
    }

    /**
     * Only runs created up to this instant ({@code toDate}, Unix milliseconds).
     * @param to the latest creation time
     * @return this filter
     */
    public WorkflowRunFilter toDate(Instant to) {
        this.parameters.add("toDate", Long.toString(to.toEpochMilli()));
        return this;
    }

    /**
     * Only runs triggered from one of these IP addresses ({@code callerIp}).
     * @param callerIps the IP addresses
     * @return this filter
     */
    public WorkflowRunFilter callerIp(String... callerIps) {
        this.parameters.add("callerIp", callerIps);
        return this;
    }

    /**
     * Only runs with one of these flow-control keys ({@code flowControlKey}).
     * @param keys the keys
     * @return this filter
     */
    public WorkflowRunFilter flowControlKey(String... keys) {
        this.parameters.add("flowControlKey", keys);
        return this;
    }

    /**
     * Only runs whose workflow URL has one of these hosts ({@code host}).
     * @param hosts the hosts
     * @return this filter
     */
    public WorkflowRunFilter host(String... hosts) {
        this.parameters.add("host", hosts);
        return this;
    }

    /**
     * Only runs whose workflow URL has one of these paths ({@code path}).
     * @param paths the paths
     * @return this filter
     */
    public WorkflowRunFilter path(String... paths) {
        this.parameters.add("path", paths);
        return this;
    }

    /**
     * The most runs one call cancels ({@code count}; 100 unless set).
     * @param count the maximum
     * @return this filter
     */
    public WorkflowRunFilter count(int count) {
        this.count = count;
        return this;
    }

    boolean isEmpty() {
        return this.parameters.isEmpty() && this.workflowUrls == null;
    }

    @Nullable Integer count() {
        return this.count;
    }

    /**
     * The filter parameters, then the URL ones, as the official SDK orders them (without
     * {@code count}).
     */
    FormQuery toQuery() {
        FormQuery query = new FormQuery().addAll(this.parameters.asMap());
        if (this.workflowUrls != null) {
            for (String url : this.workflowUrls) {
                query.add("workflowUrl", url);
            }
            if (this.exactUrl) {
                query.add("workflowUrlExactMatch", "true");
            }
        }
        return query;
    }

}
