package io.github.qstashspring.client;

import org.jspecify.annotations.Nullable;

/**
 * Selects workflow runs to cancel ({@code DELETE /v2/workflows/runs?...}), at most
 * {@link #count} per call (100 unless set). At least one filter must be set:
 * {@link QStashWorkflows#cancelAll()} cancels every run.
 *
 * <pre>{@code
 * qstash.workflows().cancel(new WorkflowRunFilter().workflowUrlStartingWith("https://my.app/workflows/"));
 * }</pre>
 */
public final class WorkflowRunFilter extends WorkflowFilter<WorkflowRunFilter> {

    private String @Nullable [] workflowUrls;

    private boolean exactUrl;

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
     * Only runs whose workflow URL has one of these hosts ({@code host}).
     * @param hosts the hosts
     * @return this filter
     */
    public WorkflowRunFilter host(String... hosts) {
        return add("host", hosts);
    }

    /**
     * Only runs whose workflow URL has one of these paths ({@code path}).
     * @param paths the paths
     * @return this filter
     */
    public WorkflowRunFilter path(String... paths) {
        return add("path", paths);
    }

    boolean isEmpty() {
        return parameters().isEmpty() && this.workflowUrls == null;
    }

    /**
     * The filter parameters, then the URL ones, as the official SDK orders them (without
     * {@code count}).
     */
    FormQuery toQuery() {
        FormQuery query = new FormQuery().addAll(parameters());
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
