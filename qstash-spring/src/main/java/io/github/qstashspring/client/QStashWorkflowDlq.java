package io.github.qstashspring.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * The workflow DLQ: runs that failed after their retries. List them, resume them from the
 * failed step, restart them from the beginning, retry their failure callback or delete
 * them. Obtained from {@link QStashWorkflows#dlq()}.
 */
public final class QStashWorkflowDlq {

    private static final String PATH = "/v2/workflows/dlq";

    private final QStashHttp http;

    QStashWorkflowDlq(QStashHttp http) {
        this.http = http;
    }

    /**
     * Reads the first page of failed runs.
     * @param filter which entries, and the page size
     * @return the page with the cursor of the next one
     */
    public CursorPage<WorkflowDlqMessage> list(WorkflowDlqFilter filter) {
        return list(filter, null);
    }

    /**
     * Reads one page of failed runs:
     * {@code GET /v2/dlq?cursor=<cursor>&count=<n>&<filter>&source=workflow}.
     * @param filter which entries, and the page size
     * @param cursor the cursor of the previous page, {@code null} for the first page
     * @return the page with the cursor of the next one
     */
    public CursorPage<WorkflowDlqMessage> list(WorkflowDlqFilter filter, @Nullable String cursor) {
        FormQuery query = new FormQuery().add("cursor", cursor)
            .add("count", filter.count())
            .addAll(filter.parameters())
            .add("source", "workflow");
        JsonNode json = this.http
            .tree(ApiRequest.of("workflows.dlq.list", HttpMethod.GET, "/v2/dlq", query.toString()));
        return new CursorPage<>(this.http.list(json.get("messages"), WorkflowDlqMessage.class),
                QStashDlq.text(json.get("cursor")));
    }

    /**
     * All failed runs the filter selects, fetched page by page as the iteration proceeds.
     * @param filter which entries
     * @return a lazily paging iterable
     */
    public Iterable<WorkflowDlqMessage> listAll(WorkflowDlqFilter filter) {
        return new CursorIterable<>("workflows.dlq.list", (cursor) -> list(filter, cursor));
    }

    /**
     * Resumes one failed run from the step that failed, as a new run with the same
     * payload and the successful steps' results:
     * {@code POST /v2/workflows/dlq/resume?dlqIds=<dlqId>}.
     * @param dlqId the DLQ id
     * @return the new run
     */
    public StartedRun resume(String dlqId) {
        return single(resume(new WorkflowDlqFilter().dlqIds(dlqId)), dlqId);
    }

    /**
     * Resumes the failed runs a filter selects:
     * {@code POST /v2/workflows/dlq/resume?<filter>}, repeated with the returned cursor.
     * @param filter which entries; empty for all
     * @return the new runs
     */
    public List<StartedRun> resume(WorkflowDlqFilter filter) {
        return resume(filter, new WorkflowRestartOptions());
    }

    /**
     * Resumes the failed runs a filter selects with other retries or flow control.
     * @param filter which entries; empty for all
     * @param options the configuration of the new runs
     * @return the new runs
     */
    public List<StartedRun> resume(WorkflowDlqFilter filter, WorkflowRestartOptions options) {
        return startAgain("resume", filter, options);
    }

    /**
     * Restarts one failed run from the beginning, as a new run with the same payload:
     * {@code POST /v2/workflows/dlq/restart?dlqIds=<dlqId>}.
     * @param dlqId the DLQ id
     * @return the new run
     */
    public StartedRun restart(String dlqId) {
        return single(restart(new WorkflowDlqFilter().dlqIds(dlqId)), dlqId);
    }

    /**
     * Restarts the failed runs a filter selects:
     * {@code POST /v2/workflows/dlq/restart?<filter>}, repeated with the returned cursor.
     * @param filter which entries; empty for all
     * @return the new runs
     */
    public List<StartedRun> restart(WorkflowDlqFilter filter) {
        return restart(filter, new WorkflowRestartOptions());
    }

    /**
     * Restarts the failed runs a filter selects with other retries or flow control.
     * @param filter which entries; empty for all
     * @param options the configuration of the new runs
     * @return the new runs
     */
    public List<StartedRun> restart(WorkflowDlqFilter filter, WorkflowRestartOptions options) {
        return startAgain("restart", filter, options);
    }

    /**
     * Calls the failure callback of a failed run again, after it failed itself:
     * {@code POST /v2/workflows/dlq/callback/<dlqId>}.
     * @param dlqId the DLQ id
     * @return the run
     */
    public StartedRun retryFailureFunction(String dlqId) {
        return this.http.read(ApiRequest.of("workflows.dlq.callback", HttpMethod.POST,
                PATH + "/callback/" + ApiRequest.segment(requireId(dlqId))), StartedRun.class);
    }

    /**
     * Deletes failed runs from the DLQ: {@code DELETE /v2/workflows/dlq?dlqIds=<id>&...}.
     * @param dlqIds the DLQ ids; none makes no call
     * @return how many entries were deleted
     */
    public int delete(String... dlqIds) {
        return (dlqIds.length == 0) ? 0 : delete(new WorkflowDlqFilter().dlqIds(dlqIds));
    }

    /**
     * Deletes the failed runs a filter selects:
     * {@code DELETE /v2/workflows/dlq?<filter>}, repeated with the returned cursor.
     * @param filter which entries; empty for all
     * @return how many entries were deleted
     */
    public int delete(WorkflowDlqFilter filter) {
        int deleted = 0;
        CursorGuard guard = new CursorGuard("workflows.dlq.delete");
        String cursor = null;
        do {
            JsonNode json = this.http
                .tree(ApiRequest.of("workflows.dlq.delete", HttpMethod.DELETE, PATH, bulkQuery(filter, cursor)));
            deleted += json.path("deleted").asInt(0);
            cursor = guard.next((filter.dlqIds() != null) ? null : QStashDlq.text(json.get("cursor")));
        }
        while (cursor != null);
        return deleted;
    }

    private List<StartedRun> startAgain(String action, WorkflowDlqFilter filter, WorkflowRestartOptions options) {
        Map<String, String> headers = options.headers();
        List<StartedRun> runs = new ArrayList<>();
        CursorGuard guard = new CursorGuard("workflows.dlq." + action);
        String cursor = null;
        do {
            JsonNode json = this.http.tree(ApiRequest
                .of("workflows.dlq." + action, HttpMethod.POST, PATH + "/" + action, bulkQuery(filter, cursor))
                .headers(headers));
            runs.addAll(this.http.list(json.get("workflowRuns"), StartedRun.class));
            cursor = guard.next((filter.dlqIds() != null) ? null : QStashDlq.text(json.get("cursor")));
        }
        while (cursor != null);
        return runs;
    }

    /**
     * The query of a bulk action, as the official SDK builds it: the ids alone, or the
     * filters followed by {@code count} (100 unless set) and {@code cursor}.
     */
    private static String bulkQuery(WorkflowDlqFilter filter, @Nullable String cursor) {
        FormQuery query = new FormQuery();
        String[] ids = filter.dlqIds();
        if (ids != null) {
            for (String id : ids) {
                query.add("dlqIds", requireId(id));
            }
            return query.toString();
        }
        return query.addAll(filter.parameters())
            .add("count", QStashWorkflows.countOrDefault(filter.count()))
            .add("cursor", cursor)
            .toString();
    }

    private static StartedRun single(List<StartedRun> runs, String dlqId) {
        if (runs.isEmpty()) {
            throw new QStashApiException(404, "QStash started no run for DLQ entry " + dlqId);
        }
        return runs.get(0);
    }

    private static String requireId(String dlqId) {
        if (dlqId.isEmpty()) {
            throw new IllegalArgumentException("DLQ id cannot be empty");
        }
        return dlqId;
    }

}
