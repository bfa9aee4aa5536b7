package io.github.qstashspring.broker.workflow;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.message.PublishService.Admission;
import io.github.qstashspring.broker.message.PublishService.WorkflowAdmission;
import io.github.qstashspring.broker.message.PublishService.WorkflowHeaders;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.WorkflowStore;
import io.github.qstashspring.broker.store.WorkflowStore.Entry;
import io.github.qstashspring.broker.store.WorkflowStore.Run;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Admits the messages of workflow runs as they are published: a trigger
 * ({@code Upstash-Workflow-Init: true}) creates its run, unless the run id is taken (a
 * duplicate); every other message must belong to a running run (else {@code 400}, which
 * the SDK reads as "the run ended") and is appended to its history, in the publish
 * transaction, before it can be delivered. Messages to the workflow URL then carry the
 * history up to their own entry and the run's headers; those with
 * {@code WF_TriggerOnConfig} the run's retries, retry delay, flow control and failure
 * callback. A {@code context.call} request ({@code toCallback}) stays as published: it
 * goes to a third party.
 */
final class RunAdmission implements WorkflowAdmission {

    private static final String TRIGGER_ON_CONFIG = "WF_TriggerOnConfig";

    private final WorkflowStore runs;

    private final RunMessages messages;

    private final JsonMapper json;

    RunAdmission(WorkflowStore runs, RunMessages messages, JsonMapper json) {
        this.runs = runs;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public void check(WorkflowHeaders workflow) {
        if (!workflow.init()) {
            running(workflow.runId());
        }
    }

    @Override
    public Admission admit(StoredMessage message, WorkflowHeaders workflow, long now) {
        if (workflow.init()) {
            return trigger(message, workflow, now);
        }
        Run run = running(workflow.runId());
        OptionalInt position = this.runs.append(run.runId(), message.id(), workflow.callType(), message.body(), now);
        if (position.isEmpty()) {
            throw ended(run.runId());
        }
        if (workflow.callType().equals("toCallback")) {
            return new Admission(message, null);
        }
        StoredMessage configured = workflow.has(TRIGGER_ON_CONFIG) ? RunMessages.configured(run.config(), message)
                : message;
        return new Admission(this.messages.withHistory(run, configured, position.getAsInt(), workflow.has("LazyFetch")),
                null);
    }

    private Admission trigger(StoredMessage message, WorkflowHeaders workflow, long now) {
        Run existing = this.runs.findRun(workflow.runId()).orElse(null);
        if (existing != null) {
            if (workflow.triggerBySdk()
                    && this.runs.completeHandshake(existing.runId(), message.id(), message.body())) {
                // The SDK answered the REST trigger's handshake: its trigger carries on
                // the
                // run (with the configuration the REST trigger gave it).
                StoredMessage configured = RunMessages.configured(existing.config(), message);
                return new Admission(this.messages.withHistory(existing, configured, 0, false), null);
            }
            List<Entry> first = this.runs.history(existing.runId(), 0);
            return new Admission(null, first.isEmpty() ? "" : first.get(0).messageId());
        }
        byte[] payload = message.body();
        String invoker = null;
        if (workflow.invoke()) {
            ObjectNode envelope = invokeEnvelope(message.body());
            JsonNode body = envelope.get("body");
            payload = (body != null && !body.isNull()) ? body.asString().getBytes(StandardCharsets.UTF_8) : new byte[0];
            envelope.remove("body");
            invoker = this.json.writeValueAsString(envelope);
        }
        Map<String, List<String>> headers = message.headers();
        String url = (workflow.url() != null) ? workflow.url() : message.envelope().url();
        Run run = new Run(workflow.runId(), url, WorkflowStore.STARTED, now, null,
                headers.containsKey(RunMessages.UNKNOWN_SDK), message.envelope().callerIp(),
                message.envelope().labels(), RunMessages.configOf(message), RunMessages.runHeaders(headers), payload,
                null, invoker, null, null, null, null);
        this.runs.createRun(run, new Entry(0, message.id(), "step", payload, now));
        return new Admission(this.messages.withHistory(run, message, 0, false), null);
    }

    private ObjectNode invokeEnvelope(byte[] body) {
        try {
            if (this.json.readTree(body) instanceof ObjectNode envelope) {
                return envelope;
            }
        }
        catch (RuntimeException ex) {
            // answered below
        }
        throw BrokerException.badRequest("invalid invoke body: expected the invoking run's JSON envelope");
    }

    private Run running(String runId) {
        Run run = this.runs.findRun(runId).orElse(null);
        if (run == null || !run.isRunning()) {
            throw ended(runId);
        }
        return run;
    }

    private static BrokerException ended(@Nullable String runId) {
        return BrokerException.badRequest("workflow run " + runId + " is not running (it ended, or does not exist)");
    }

}
