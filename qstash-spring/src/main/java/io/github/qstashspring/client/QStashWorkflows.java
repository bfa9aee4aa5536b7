package io.github.qstashspring.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Upstash Workflow: start runs, cancel them, notify the runs waiting for an event, read
 * the waiters, the run logs and the workflow DLQ. Every call sends what the official
 * {@code @upstash/workflow} 1.3.3 {@code Client} sends. Obtained from
 * {@link QStashOperations#workflows()}.
 *
 * <pre>{@code
 * TriggeredRun run = qstash.workflows().trigger(WorkflowTrigger.to("https://my.app/workflows/onboarding").json(signup));
 * qstash.workflows().notify("email-confirmed-" + signup.id(), confirmation);
 * }</pre>
 *
 * The last group of methods ({@link #history}, {@link #complete}, {@link #cancelRun},
 * {@link #registerWaiter}) are the protocol calls a workflow endpoint makes while it runs
 * a workflow; applications rarely need them.
 */
public final class QStashWorkflows {

    private static final String TEXT_UTF8 = "text/plain;charset=UTF-8";

    private static final String RUNS = "/v2/workflows/runs";

    private final QStashHttp http;

    private final Function<List<PublishRequest>, List<PublishResponse>> batch;

    private final QStashWorkflowDlq dlq;

    QStashWorkflows(QStashHttp http, Function<List<PublishRequest>, List<PublishResponse>> batch) {
        this.http = http;
        this.batch = batch;
        this.dlq = new QStashWorkflowDlq(http);
    }

    /**
     * Starts a run: {@code POST /v2/batch} with the trigger's message (see
     * {@link WorkflowTrigger#toPublishRequest()}).
     * @param trigger the workflow URL, payload and run configuration
     * @return the run, {@link TriggeredRun#deduplicated() deduplicated} when its id was
     * already taken
     */
    public TriggeredRun trigger(WorkflowTrigger trigger) {
        return trigger(List.of(trigger)).get(0);
    }

    /**
     * Starts several runs in one call: {@code POST /v2/batch} with one message per
     * trigger.
     * @param triggers the runs to start
     * @return one run per trigger, in order
     * @throws QStashApiException when QStash rejects the batch or one of its messages
     */
    public List<TriggeredRun> trigger(List<WorkflowTrigger> triggers) {
        if (triggers.isEmpty()) {
            return List.of();
        }
        List<PublishResponse> responses = this.batch
            .apply(triggers.stream().map(WorkflowTrigger::toPublishRequest).toList());
        List<TriggeredRun> runs = new ArrayList<>(triggers.size());
        for (int i = 0; i < triggers.size(); i++) {
            PublishResponse response = (i < responses.size()) ? responses.get(i) : null;
            if (response == null || response.error() != null) {
                throw new QStashApiException(400, "QStash did not start the run of " + triggers.get(i).getUrl() + ": "
                        + ((response != null) ? response.error() : "no answer for it"));
            }
            runs.add(new TriggeredRun(triggers.get(i).getWorkflowRunId(), response.deduplicated()));
        }
        return runs;
    }

    /**
     * Cancels runs by id: {@code DELETE /v2/workflows/runs?workflowRunIds=<id>&...}. Runs
     * already finished or unknown are not counted.
     * @param workflowRunIds the run ids; none makes no call
     * @return how many runs were cancelled
     */
    public int cancel(String... workflowRunIds) {
        if (workflowRunIds.length == 0) {
            return 0;
        }
        FormQuery query = new FormQuery();
        for (String id : workflowRunIds) {
            if (id.isEmpty()) {
                throw new IllegalArgumentException("Workflow run id cannot be empty");
            }
            query.add("workflowRunIds", id);
        }
        return cancelled(query);
    }

    /**
     * Cancels the runs a filter selects, at most its {@link WorkflowRunFilter#count
     * count} (100 unless set): {@code DELETE /v2/workflows/runs?<filter>&count=<n>}. Call
     * again while it returns the count to cancel more.
     * @param filter which runs; must set at least one filter
     * @return how many runs were cancelled
     */
    public int cancel(WorkflowRunFilter filter) {
        if (filter.isEmpty()) {
            throw new IllegalArgumentException(
                    "A workflow run filter needs at least one filter; cancelAll() cancels every run");
        }
        return cancelled(filter.toQuery().add("count", countOrDefault(filter.count())));
    }

    /**
     * Cancels every run, at most 100 per call:
     * {@code DELETE /v2/workflows/runs?count=100}.
     * @return how many runs were cancelled
     */
    public int cancelAll() {
        return cancelled(new FormQuery().add("count", QStashMessages.BULK_COUNT));
    }

    private int cancelled(FormQuery query) {
        JsonNode json = this.http
            .treeOrNull(ApiRequest.of("workflows.cancel", HttpMethod.DELETE, RUNS, query.toString()));
        return (json != null) ? json.path("cancelled").asInt(0) : 0;
    }

    /**
     * Notifies every run waiting for an event: {@code POST /v2/notify/<eventId>}. Runs
     * that start waiting later do not get it; {@link #notifyRun} keeps it for one run.
     * @param eventId the event id the runs wait for
     * @param eventData the event's data: a {@code String} is sent as is, anything else as
     * JSON ({@code null} sends no body)
     * @return one response per notified run
     */
    public List<NotifyResponse> notify(String eventId, @Nullable Object eventData) {
        return notify(null, eventId, eventData);
    }

    /**
     * Notifies one run of an event: {@code POST /v2/notify/<workflowRunId>/<eventId>}. If
     * the run is not waiting yet, QStash keeps the notification until it waits for the
     * event.
     * @param workflowRunId the run
     * @param eventId the event id the run waits for
     * @param eventData the event's data: a {@code String} is sent as is, anything else as
     * JSON ({@code null} sends no body)
     * @return the responses of the notified run
     */
    public List<NotifyResponse> notifyRun(String workflowRunId, String eventId, @Nullable Object eventData) {
        if (workflowRunId.isEmpty()) {
            throw new IllegalArgumentException("Workflow run id cannot be empty");
        }
        return notify(workflowRunId, eventId, eventData);
    }

    private List<NotifyResponse> notify(@Nullable String workflowRunId, String eventId, @Nullable Object eventData) {
        if (eventId.isEmpty()) {
            throw new IllegalArgumentException("Event id cannot be empty");
        }
        String path = "/v2/notify/" + ((workflowRunId != null) ? ApiRequest.segment(workflowRunId) + "/" : "")
                + ApiRequest.segment(eventId);
        ApiRequest request = ApiRequest.of("workflows.notify", HttpMethod.POST, path);
        if (eventData != null) {
            byte[] body = (eventData instanceof String text) ? text.getBytes(StandardCharsets.UTF_8)
                    : this.http.payloadMapper().writeValueAsBytes(eventData);
            request.body(body, TEXT_UTF8);
        }
        JsonNode json = this.http.treeOrNull(request);
        if (json == null) {
            return List.of();
        }
        return json.isArray() ? this.http.list(json, NotifyResponse.class)
                : List.of(this.http.convert(json, NotifyResponse.class));
    }

    /**
     * The runs waiting for an event: {@code GET /v2/waiters/<eventId>}.
     * @param eventId the event id
     * @return the waiters
     */
    public List<Waiter> waiters(String eventId) {
        if (eventId.isEmpty()) {
            throw new IllegalArgumentException("Event id cannot be empty");
        }
        return this.http.readList(
                ApiRequest.of("workflows.waiters", HttpMethod.GET, "/v2/waiters/" + ApiRequest.segment(eventId)),
                Waiter.class);
    }

    /**
     * Reads the first page of run logs.
     * @param filter which runs, and the page size
     * @return the page with the cursor of the next one
     */
    public CursorPage<WorkflowRunLog> logs(WorkflowLogFilter filter) {
        return logs(filter, null);
    }

    /**
     * Reads one page of run logs, newest first:
     * {@code GET /v2/workflows/events?groupBy=workflowRunId&cursor=<cursor>&count=<n>&<filter>}.
     * @param filter which runs, and the page size
     * @param cursor the cursor of the previous page, {@code null} for the first page
     * @return the page with the cursor of the next one
     */
    public CursorPage<WorkflowRunLog> logs(WorkflowLogFilter filter, @Nullable String cursor) {
        FormQuery query = new FormQuery().add("groupBy", "workflowRunId")
            .add("cursor", cursor)
            .add("count", filter.count())
            .addAll(filter.parameters());
        JsonNode json = this.http
            .tree(ApiRequest.of("workflows.logs", HttpMethod.GET, "/v2/workflows/events", query.toString()));
        return new CursorPage<>(this.http.list(json.get("runs"), WorkflowRunLog.class),
                QStashDlq.text(json.get("cursor")));
    }

    /**
     * All runs the filter selects, fetched page by page as the iteration proceeds.
     * @param filter which runs
     * @return a lazily paging iterable
     */
    public Iterable<WorkflowRunLog> allLogs(WorkflowLogFilter filter) {
        return new CursorIterable<>("workflows.logs", (cursor) -> logs(filter, cursor));
    }

    /**
     * The workflow DLQ: failed runs to list, resume, restart or delete.
     * @return the workflow DLQ API
     */
    public QStashWorkflowDlq dlq() {
        return this.dlq;
    }

    /**
     * The step history of a running run, as a workflow endpoint fetches it when a
     * delivery comes without body: {@code GET /v2/workflows/runs/<workflowRunId>}.
     * @param workflowRunId the run
     * @return the JSON array of history entries, or {@code null} when the run has ended
     * (404)
     */
    public @Nullable String history(String workflowRunId) {
        try {
            return new String(
                    this.http.bytes(ApiRequest.of("workflows.history", HttpMethod.GET, runPath(workflowRunId))),
                    StandardCharsets.UTF_8);
        }
        catch (QStashApiException ex) {
            if (ex.getStatus() == 404) {
                return null;
            }
            throw ex;
        }
    }

    /**
     * Ends a run successfully with the workflow's result, as a workflow endpoint does
     * when the workflow returns:
     * {@code DELETE /v2/workflows/runs/<workflowRunId>?cancel=false}.
     * @param workflowRunId the run
     * @param result the result as JSON text, or {@code null} for none
     */
    public void complete(String workflowRunId, @Nullable String result) {
        ApiRequest request = ApiRequest.of("workflows.complete", HttpMethod.DELETE, runPath(workflowRunId),
                "cancel=false");
        if (result != null) {
            request.body(result.getBytes(StandardCharsets.UTF_8), TEXT_UTF8);
        }
        this.http.send(request);
    }

    /**
     * Cancels one run, as a workflow endpoint does for {@code context.cancel()}:
     * {@code DELETE /v2/workflows/runs/<workflowRunId>?cancel=true}.
     * @param workflowRunId the run
     */
    public void cancelRun(String workflowRunId) {
        this.http.send(ApiRequest.of("workflows.cancelRun", HttpMethod.DELETE, runPath(workflowRunId), "cancel=true"));
    }

    /**
     * Registers a run as waiting for an event, as a workflow endpoint does for
     * {@code context.waitForEvent}: {@code POST /v2/wait/<eventId>}.
     * @param eventId the event id
     * @param headers the step headers of the run
     * @param body the wait request JSON ({@code url}, {@code timeout},
     * {@code timeoutUrl}, {@code timeoutHeaders}, {@code step})
     */
    public void registerWaiter(String eventId, Map<String, String> headers, String body) {
        this.http.send(ApiRequest.of("workflows.wait", HttpMethod.POST, "/v2/wait/" + ApiRequest.segment(eventId))
            .headers(headers)
            .body(body.getBytes(StandardCharsets.UTF_8), "application/json"));
    }

    private static String runPath(String workflowRunId) {
        return RUNS + "/" + ApiRequest.segment(workflowRunId);
    }

    static String countOrDefault(@Nullable Integer count) {
        return Integer.toString((count != null) ? count : QStashMessages.BULK_COUNT);
    }

}
