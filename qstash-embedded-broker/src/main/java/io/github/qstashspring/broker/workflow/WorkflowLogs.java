package io.github.qstashspring.broker.workflow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.DeadLetter;
import io.github.qstashspring.broker.store.StoredMessage.State;
import io.github.qstashspring.broker.store.WorkflowStore;
import io.github.qstashspring.broker.store.WorkflowStore.Entry;
import io.github.qstashspring.broker.store.WorkflowStore.Run;
import io.github.qstashspring.broker.store.WorkflowStore.RunFilter;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workflow logs ({@code GET /v2/workflows/logs}, and {@code /v2/workflows/events}
 * where the SDK's {@code Client.logs} reads them): one object per run, newest first, with
 * its state, result, failure-function state and its steps in groups: {@code sequential}
 * (one step), {@code parallel} (the results of a parallel group) and {@code next} (what
 * is pending, retrying or failed now).
 */
final class WorkflowLogs {

    /** Runs per page, at most (QStash's limit for run-grouped logs). */
    static final int MAX_RUNS = 10;

    private final TransactionOperations transactions;

    private final WorkflowStore runs;

    private final MessageStore messages;

    private final JsonMapper json;

    WorkflowLogs(TransactionOperations transactions, WorkflowStore runs, MessageStore messages, JsonMapper json) {
        this.transactions = transactions;
        this.runs = runs;
        this.messages = messages;
        this.json = json;
    }

    /**
     * One page of runs.
     * @param filter which runs
     * @param cursor the cursor of the previous page, or {@code null}
     * @param count the most runs (at most {@link #MAX_RUNS})
     * @return {@code {"cursor", "runs"}}
     */
    Map<String, Object> page(RunFilter filter, @Nullable String cursor, int count) {
        return Objects.requireNonNull(this.transactions.execute((status) -> {
            Run after = (cursor != null && !cursor.isEmpty()) ? this.runs.findRun(cursor)
                .orElseThrow(() -> BrokerException.badRequest("invalid cursor: " + cursor)) : null;
            int limit = Math.max(1, Math.min(count, MAX_RUNS));
            List<Run> page = this.runs.findRuns(filter, after, limit + 1);
            List<Object> views = new ArrayList<>();
            for (Run run : page.subList(0, Math.min(limit, page.size()))) {
                views.add(view(run));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            if (page.size() > limit) {
                result.put("cursor", page.get(limit - 1).runId());
            }
            result.put("runs", views);
            return result;
        }));
    }

    private Map<String, Object> view(Run run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("workflowRunId", run.runId());
        view.put("workflowUrl", run.url());
        view.put("workflowState", run.state());
        view.put("workflowRunCreatedAt", run.createdAt());
        putIfPresent(view, "workflowRunCompletedAt", run.completedAt());
        if (run.responseBody() != null) {
            view.put("workflowRunResponse", new String(run.responseBody(), StandardCharsets.UTF_8));
        }
        putIfPresent(view, "dlqId", run.dlqId());
        if (!run.labels().isEmpty()) {
            view.put("label", run.labels().get(0));
            view.put("labels", run.labels());
        }
        putIfPresent(view, "flowControlKey", run.config().flowControlKey());
        putIfPresent(view, "workflowRunCallerIp", run.callerIp());
        putIfPresent(view, "error", run.error());
        if (run.invoker() != null) {
            JsonNode invoker = this.json.readTree(run.invoker());
            Map<String, Object> by = new LinkedHashMap<>();
            by.put("workflowRunId", invoker.path("workflowRunId").asString(""));
            by.put("workflowUrl", invoker.path("workflowUrl").asString(""));
            by.put("workflowRunCreatedAt", invoker.path("workflowRunCreatedAt").asLong(0));
            view.put("invoker", by);
        }
        if (run.failureMessageId() != null) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("messageId", run.failureMessageId());
            failure.put("url", (run.config().failureCallback() != null) ? run.config().failureCallback() : run.url());
            failure.put("state", run.failureState());
            putIfPresent(failure, "dlqId", run.dlqId());
            failedStep(run).ifPresent((failed) -> {
                failure.put("failStatus", failed.responseStatus());
                failure.put("failHeaders", failed.responseHeaders());
                byte[] body = failed.responseBody();
                failure.put("failResponse", (body != null) ? new String(body, StandardCharsets.UTF_8) : "");
            });
            view.put("failureFunction", failure);
        }
        view.put("steps", steps(run));
        return view;
    }

    private List<Object> steps(Run run) {
        List<Object> groups = new ArrayList<>();
        List<Object> parallel = new ArrayList<>();
        for (Entry entry : this.runs.history(run.runId(), Integer.MAX_VALUE)) {
            if (!entry.callType().equals("step")) {
                continue;
            }
            Map<String, Object> step = step(entry);
            if (step == null) {
                continue;
            }
            int concurrent = ((Number) step.getOrDefault("concurrent", 1)).intValue();
            if (concurrent > 1) {
                parallel.add(step);
                if (parallel.size() == concurrent) {
                    groups.add(Map.of("type", "parallel", "steps", List.copyOf(parallel)));
                    parallel.clear();
                }
                continue;
            }
            groups.add(Map.of("type", "sequential", "steps", List.of(step)));
        }
        if (!parallel.isEmpty()) {
            groups.add(Map.of("type", "parallel", "steps", List.copyOf(parallel)));
        }
        List<Object> next = next(run);
        if (!next.isEmpty()) {
            groups.add(Map.of("type", "next", "steps", next));
        }
        return groups;
    }

    /** A finished step of the history; {@code null} for a plan of a parallel group. */
    private @Nullable Map<String, Object> step(Entry entry) {
        Map<String, Object> step = new LinkedHashMap<>();
        if (entry.position() == 0) {
            step.put("stepId", 0);
            step.put("stepName", "init");
            step.put("stepType", "Initial");
            step.put("out", new String(entry.body(), StandardCharsets.UTF_8));
            step.put("concurrent", 1);
        }
        else {
            JsonNode body;
            try {
                body = this.json.readTree(entry.body());
            }
            catch (RuntimeException ex) {
                return null;
            }
            if (!body.isObject() || (body.path("stepId").asInt(0) == 0 && body.has("targetStep"))) {
                return null;
            }
            for (var field : body.properties()) {
                step.put(field.getKey(), this.json.treeToValue(field.getValue(), Object.class));
            }
        }
        step.put("callType", entry.callType());
        step.put("messageId", entry.messageId());
        step.put("state", "STEP_SUCCESS");
        step.put("createdAt", entry.createdAt());
        return step;
    }

    /** The last response of the step that failed the run, from its DLQ entry. */
    private Optional<DeadLetter> failedStep(Run run) {
        return Optional.ofNullable(run.dlqId())
            .flatMap(this.messages::deadLetter)
            .map(StoredMessage::deadLetter)
            .filter((failed) -> failed.responseStatus() != null);
    }

    /** What the run does now: its messages pending, being delivered or failed. */
    private List<Object> next(Run run) {
        List<Object> next = new ArrayList<>();
        List<String> ids = new ArrayList<>(this.runs.liveMessageIds(run.runId()));
        if (run.dlqId() != null) {
            this.messages.deadLetter(run.dlqId()).ifPresent((failed) -> ids.add(failed.id()));
        }
        for (StoredMessage message : this.messages.findAll(ids)) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("messageId", message.id());
            step.put("state", (message.state() == State.FAILED) ? "STEP_FAILED" : (message.cancelRequested()
                    ? "STEP_CANCELED" : ((message.retried() > 0) ? "STEP_RETRY" : "STEP_PROGRESS")));
            step.put("retries", message.envelope().maxRetries());
            if (message.deadLetter() != null && message.deadLetter().responseStatus() != null) {
                byte[] body = message.deadLetter().responseBody();
                step.put("errors",
                        List.of(Map.of("status", message.deadLetter().responseStatus(), "body",
                                (body != null) ? new String(body, StandardCharsets.UTF_8) : "", "headers",
                                message.deadLetter().responseHeaders())));
            }
            next.add(step);
        }
        return next;
    }

    private static void putIfPresent(Map<String, Object> view, String name, @Nullable Object value) {
        if (value != null) {
            view.put(name, value);
        }
    }

}
