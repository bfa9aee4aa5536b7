package io.github.qstashspring.broker.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.message.DeadLetters;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.MessageStore.Page;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.State;
import io.github.qstashspring.broker.store.WorkflowStore;
import io.github.qstashspring.broker.store.WorkflowStore.DeadLetterFilter;
import io.github.qstashspring.broker.store.WorkflowStore.Run;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionOperations;

import static io.github.qstashspring.broker.api.ApiJson.putIfPresent;
import static io.github.qstashspring.broker.api.ApiJson.putLabels;

/**
 * The workflow DLQ: the DLQ entries of the messages that failed workflow runs. An entry
 * is the DLQ entry of the failed message (as {@code /v2/dlq} shows it) with the run's
 * fields added: {@code workflowRunId}, {@code workflowCreatedAt}, {@code workflowUrl},
 * the run's labels and caller, its failure callback and the state of that callback
 * ({@code failureCallbackInfo}, {@code failureFunctionState}). Listed in the order the
 * entries entered the DLQ; the cursor is the DLQ sequence number of the last entry
 * returned. Deleting an entry removes the message from the DLQ; restarting it also starts
 * a new run from the failed run's initial payload. A failure callback that failed is
 * retried from its own DLQ entry.
 */
final class WorkflowDeadLetters {

    private final TransactionOperations transactions;

    private final WorkflowStore runs;

    private final MessageStore messages;

    private final DeadLetters views;

    private final PublishService publisher;

    WorkflowDeadLetters(TransactionOperations transactions, WorkflowStore runs, MessageStore messages,
            DeadLetters views, PublishService publisher) {
        this.transactions = transactions;
        this.runs = runs;
        this.messages = messages;
        this.views = views;
        this.publisher = publisher;
    }

    /**
     * Reads one page.
     * @param filter the filter
     * @param cursor the previous page's cursor, or {@code null}
     * @param count the page size
     * @param readOnly whether the request was made with the read-only token
     * @return the entries as JSON objects, with the cursor of the next page when more
     * match
     */
    Page<Map<String, Object>> list(DeadLetterFilter filter, @Nullable Long cursor, int count, boolean readOnly) {
        Page<Entry> page = Objects.requireNonNull(this.transactions.execute((status) -> read(filter, cursor, count)));
        return new Page<>(page.items().stream().map((entry) -> view(entry, readOnly)).toList(), page.cursor());
    }

    /**
     * Reads one entry.
     * @param dlqId the DLQ id
     * @param readOnly whether the request was made with the read-only token
     * @return the entry as a JSON object
     * @throws BrokerException (404) when the workflow DLQ has no such entry
     */
    Map<String, Object> get(String dlqId, boolean readOnly) {
        Page<Entry> page = Objects
            .requireNonNull(this.transactions.execute((status) -> read(DeadLetterFilter.of(List.of(dlqId)), null, 1)));
        if (page.items().isEmpty()) {
            throw notFound(dlqId);
        }
        return view(page.items().get(0), readOnly);
    }

    /**
     * Deletes one entry.
     * @param dlqId the DLQ id
     * @throws BrokerException (404) when the workflow DLQ has no such entry
     */
    void delete(String dlqId) {
        if (deleteMatching(DeadLetterFilter.of(List.of(dlqId)), null, 1).items().get(0) == 0) {
            throw notFound(dlqId);
        }
    }

    /**
     * Deletes the entries matching a filter, oldest first, one page at a time.
     * @param filter the filter (no filter: all)
     * @param cursor the cursor of the previous call, or {@code null}
     * @param count the most to delete in this call
     * @return how many were deleted, with the cursor of the next call when more match
     */
    Page<Integer> deleteMatching(DeadLetterFilter filter, @Nullable Long cursor, int count) {
        return Objects.requireNonNull(this.transactions.execute((status) -> {
            Page<Entry> page = read(filter, cursor, count);
            this.messages.deleteAll(page.items().stream().map((entry) -> entry.message().id()).toList());
            return new Page<>(List.of(page.items().size()), page.cursor());
        }));
    }

    /**
     * Restarts the runs of the entries matching a filter, oldest first, one page at a
     * time: each gets a new run, triggered with the failed run's initial payload, URL,
     * configuration and forwarded headers (see {@link RestartTrigger}), and its entry
     * leaves the DLQ, all in one transaction.
     * @param filter the filter (no filter: all)
     * @param cursor the cursor of the previous call, or {@code null}
     * @param count the most to restart in this call
     * @param overrides the headers of the restart request
     * @return the new runs ({@code workflowRunId}, {@code workflowCreatedAt}), with the
     * cursor of the next call when more match
     * @throws BrokerException (400) when an override is invalid (nothing is restarted)
     */
    Page<Map<String, Object>> restart(DeadLetterFilter filter, @Nullable Long cursor, int count,
            RequestHeaders overrides) {
        List<String> due = new ArrayList<>();
        Page<Map<String, Object>> restarted = Objects.requireNonNull(this.transactions.execute((status) -> {
            Page<Entry> page = read(filter, cursor, count);
            List<Map<String, Object>> started = new ArrayList<>();
            for (Entry entry : page.items()) {
                Run failed = entry.run();
                this.messages.delete(entry.message().id());
                String runId = this.runs.newRunId();
                this.publisher.publishInTransaction(failed.url(),
                        RestartTrigger.headers(failed, entry.message(), runId, overrides), failed.initialBody(), due);
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("workflowRunId", runId);
                run.put("workflowCreatedAt", this.runs.findRun(runId).map(Run::createdAt).orElse(0L));
                started.add(run);
            }
            return new Page<>(started, page.cursor());
        }));
        this.publisher.handOff(due);
        return restarted;
    }

    /**
     * Retries the failure callback of an entry's run that failed too: the callback's own
     * DLQ entry is retried (see {@link DeadLetters#retryInTransaction}) and the run's
     * failure-function state is {@code CALLBACK_INPROGRESS} again, following the new
     * message.
     * @param dlqId the DLQ id of the run's entry
     * @return the run ({@code workflowRunId}, {@code workflowCreatedAt})
     * @throws BrokerException (404) when the workflow DLQ has no such entry, (400) when
     * the run's failure callback did not fail
     */
    Map<String, Object> retryFailureCallback(String dlqId) {
        List<String> due = new ArrayList<>();
        Map<String, Object> run = Objects.requireNonNull(this.transactions.execute((status) -> {
            List<Entry> entries = read(DeadLetterFilter.of(List.of(dlqId)), null, 1).items();
            if (entries.isEmpty()) {
                throw notFound(dlqId);
            }
            Entry entry = entries.get(0);
            StoredMessage callback = entry.failureCallback();
            if (callback == null) {
                throw BrokerException.badRequest("workflow run " + entry.run().runId()
                        + " has no failed failure callback to retry (its state: " + entry.run().failureState() + ")");
            }
            String messageId = this.views.retryInTransaction(callback, due);
            this.runs.failureCallback(entry.run().runId(), messageId, "CALLBACK_INPROGRESS");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("workflowRunId", entry.run().runId());
            json.put("workflowCreatedAt", entry.run().createdAt());
            return json;
        }));
        this.publisher.handOff(due);
        return run;
    }

    /** Reads a page of entries; call inside a transaction. */
    private Page<Entry> read(DeadLetterFilter filter, @Nullable Long cursor, int count) {
        List<Run> failed = this.runs.deadLetters(filter, cursor, count + 1);
        List<Entry> entries = new ArrayList<>();
        for (Run run : failed.subList(0, Math.min(count, failed.size()))) {
            StoredMessage message = this.messages.deadLetter(Objects.requireNonNull(run.dlqId())).orElse(null);
            if (message != null) {
                StoredMessage failureCallback = (run.failureMessageId() != null)
                        ? this.messages.find(run.failureMessageId())
                            .filter((callback) -> callback.state() == State.FAILED && callback.deadLetter() != null)
                            .orElse(null)
                        : null;
                entries.add(new Entry(run, message, failureCallback));
            }
        }
        String next = null;
        if (failed.size() > count && !entries.isEmpty()) {
            next = String
                .valueOf(Objects.requireNonNull(entries.get(entries.size() - 1).message().deadLetter()).dlqSeq());
        }
        return new Page<>(entries, next);
    }

    private Map<String, Object> view(Entry entry, boolean readOnly) {
        Run run = entry.run();
        Map<String, Object> json = this.views.view(entry.message(), readOnly);
        json.put("workflowRunId", run.runId());
        json.put("workflowCreatedAt", run.createdAt());
        json.put("workflowUrl", run.url());
        if (run.callerIp() != null) {
            json.put("callerIP", run.callerIp());
            json.put("callerIp", run.callerIp());
        }
        json.remove("label");
        json.remove("labels");
        putLabels(json, run.labels());
        if (!json.containsKey("failureCallback")) {
            putIfPresent(json, "failureCallback", run.config().failureCallback());
        }
        if (run.failureState() != null) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("state", run.failureState());
            if (entry.failureCallback() != null) {
                Map<String, Object> callback = this.views.view(entry.failureCallback(), readOnly);
                info.put("responseStatus", callback.get("responseStatus"));
                putIfPresent(info, "responseBody", callback.get("responseBody"));
                putIfPresent(info, "responseBodyBase64", callback.get("responseBodyBase64"));
                info.put("responseHeaders", callback.get("responseHeader"));
            }
            json.put("failureCallbackInfo", info);
            json.put("failureFunctionState", run.failureState());
        }
        return json;
    }

    private static BrokerException notFound(String dlqId) {
        return BrokerException.notFound("workflow dlq message " + dlqId + " not found");
    }

    /**
     * An entry of the workflow DLQ.
     *
     * @param run the failed run
     * @param message the message that failed it, in the DLQ
     * @param failureCallback the run's failure callback when it failed too (in the DLQ),
     * or {@code null}
     */
    private record Entry(Run run, StoredMessage message, @Nullable StoredMessage failureCallback) {
    }

}
