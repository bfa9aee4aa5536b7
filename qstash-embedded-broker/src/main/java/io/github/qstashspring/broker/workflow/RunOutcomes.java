package io.github.qstashspring.broker.workflow;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.github.qstashspring.broker.delivery.Dispatcher.WorkflowOutcomes;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.WorkflowStore;
import io.github.qstashspring.broker.store.WorkflowStore.EntryRef;
import io.github.qstashspring.broker.store.WorkflowStore.Run;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the outcome of a run's delivery means for the run:
 * <ul>
 * <li>a step (or trigger, callback, event) to the workflow URL that failed for good fails
 * the run: the run ends {@code RUN_FAILED} with the DLQ entry, and the failure callback
 * carries the run id, its creation time and the initial payload as {@code sourceBody};
 * <li>a {@code context.call} request ({@code toCallback}) gets its callback after every
 * attempt as a {@code fromCallback} entry of the history, configured by the run; its
 * failure does not fail the run ({@code WF_NoDelete});
 * <li>a run's first delivery answered without {@code Upstash-Workflow-Sdk-Version} fails
 * the run ({@code WF_DetectTrigger}), and so does a REST trigger whose handshake the
 * destination did not answer;
 * <li>the failure callback's own outcome is the run's failure-function state.
 * </ul>
 */
final class RunOutcomes implements WorkflowOutcomes {

    static final String NOT_A_WORKFLOW = "detected a non-workflow destination for trigger/invoke."
            + " make sure you are sending the request to the correct endpoint";

    static final String NO_HANDSHAKE = "trigger rest api is only usable with sdk versions after v1.0.0 major version";

    private final WorkflowStore runs;

    private final RunEnding ending;

    private final JsonMapper json;

    RunOutcomes(WorkflowStore runs, RunEnding ending, JsonMapper json) {
        this.runs = runs;
        this.ending = ending;
        this.json = json;
    }

    @Override
    public boolean concerns(StoredMessage message, Map<String, List<String>> responseHeaders) {
        Map<String, List<String>> headers = message.headers();
        return headers.containsKey(RunMessages.RUN_ID)
                && (headers.containsKey(RunMessages.FAILURE_CALLBACK) || headers.containsKey(RunMessages.UNKNOWN_SDK)
                        || !responseHeaders.containsKey(RunMessages.SDK_VERSION));
    }

    @Override
    public void delivered(StoredMessage message, Map<String, List<String>> responseHeaders, long now,
            List<String> due) {
        String runId = message.headers().get(RunMessages.RUN_ID).get(0);
        Run run = this.runs.findRun(runId).orElse(null);
        if (run == null) {
            return;
        }
        if (message.id().equals(run.failureMessageId())) {
            this.runs.failureCallback(runId, message.id(), "CALLBACK_SUCCESS");
            return;
        }
        if (!run.isRunning()) {
            return;
        }
        if (message.headers().containsKey(RunMessages.UNKNOWN_SDK)) {
            if (run.awaitingSdk()) {
                this.ending.end(run, WorkflowStore.FAILED, null, null, NO_HANDSHAKE, now, due);
            }
            return;
        }
        EntryRef entry = this.runs.entryOf(message.id()).orElse(null);
        if (entry != null && entry.position() == 0 && !responseHeaders.containsKey(RunMessages.SDK_VERSION)) {
            this.ending.end(run, WorkflowStore.FAILED, null, null, NOT_A_WORKFLOW, now, due);
        }
    }

    @Override
    public @Nullable StoredMessage callback(StoredMessage source, StoredMessage callback, long now) {
        EntryRef entry = this.runs.entryOf(source.id()).orElse(null);
        if (entry == null || !entry.callType().equals("toCallback")) {
            return callback;
        }
        Run run = this.runs.findRun(entry.runId()).filter(Run::isRunning).orElse(null);
        if (run == null) {
            return null;
        }
        OptionalInt position = this.runs.append(run.runId(), callback.id(), "fromCallback", callback.body(), now);
        if (position.isEmpty()) {
            return null;
        }
        StoredMessage configured = RunMessages.configured(run.config(), callback);
        return configured.withContent(RunMessages.deliveryHeaders(run, callback.headers()), callback.body());
    }

    @Override
    public @Nullable StoredMessage failed(StoredMessage message, @Nullable Integer status,
            Map<String, List<String>> responseHeaders, byte[] responseBody, String dlqId,
            @Nullable StoredMessage failureCallback, long now, List<String> due) {
        EntryRef entry = this.runs.entryOf(message.id()).orElse(null);
        if (entry == null) {
            List<String> runId = message.headers().get(RunMessages.RUN_ID);
            if (runId != null && message.headers().containsKey(RunMessages.FAILURE_CALLBACK)) {
                this.runs.findRun(runId.get(0))
                    .filter((run) -> message.id().equals(run.failureMessageId()))
                    .ifPresent((run) -> this.runs.failureCallback(run.runId(), message.id(), "CALLBACK_FAIL"));
            }
            return failureCallback;
        }
        if (entry.callType().equals("toCallback")) {
            return failureCallback;
        }
        Run run = this.runs.findRun(entry.runId()).orElse(null);
        if (run == null || !this.ending.end(run, WorkflowStore.FAILED, null, dlqId,
                "step failed with status " + ((status != null) ? status : "none"), now, due)) {
            return null;
        }
        if (failureCallback == null) {
            return null;
        }
        ObjectNode payload = (ObjectNode) this.json.readTree(failureCallback.body());
        payload.put("workflowRunId", run.runId());
        payload.put("workflowCreatedAt", run.createdAt());
        payload.put("sourceBody", Base64.getEncoder().encodeToString(run.initialBody()));
        payload.put("url", run.url());
        this.runs.failureCallback(run.runId(), failureCallback.id(), "CALLBACK_INPROGRESS");
        return failureCallback.withContent(RunMessages.deliveryHeaders(run, failureCallback.headers()),
                this.json.writeValueAsBytes(payload));
    }

}
