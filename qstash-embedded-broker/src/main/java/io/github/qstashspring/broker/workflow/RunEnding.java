package io.github.qstashspring.broker.workflow;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.WorkflowStore;
import io.github.qstashspring.broker.store.WorkflowStore.Run;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ends runs: success (the route function returned), cancel, failure. The run's messages
 * not yet delivered are cancelled, its waiters and notifications dropped, and a run
 * started by {@code context.invoke} hands its result to the invoking run as that run's
 * next step. Call inside a broker transaction; hand the collected due ids to the
 * dispatcher after the commit.
 */
final class RunEnding {

    private static final Log logger = LogFactory.getLog(RunEnding.class);

    private final WorkflowStore runs;

    private final MessageStore messages;

    private final PublishService publisher;

    private final JsonMapper json;

    RunEnding(WorkflowStore runs, MessageStore messages, PublishService publisher, JsonMapper json) {
        this.runs = runs;
        this.messages = messages;
        this.publisher = publisher;
        this.json = json;
    }

    /**
     * Ends a run if it is still running.
     * @param run the run
     * @param state its final state
     * @param responseBody the route function's result, or {@code null}
     * @param dlqId the DLQ entry of a failed run, or {@code null}
     * @param error why it failed, or {@code null}
     * @param now epoch milliseconds
     * @param due receives the ids of messages that became due
     * @return whether this call ended it
     */
    boolean end(Run run, String state, byte @Nullable [] responseBody, @Nullable String dlqId, @Nullable String error,
            long now, List<String> due) {
        if (!this.runs.finish(run.runId(), state, now, responseBody, dlqId, error)) {
            return false;
        }
        for (StoredMessage message : this.messages.findAll(this.runs.liveMessageIds(run.runId()))) {
            this.messages.cancel(message, now).forEach((next) -> due.add(next.id()));
        }
        this.runs.deleteWaits(run.runId());
        if (run.invoker() != null) {
            resumeInvoker(run, state, responseBody, due);
        }
        return true;
    }

    /**
     * Publishes the invoked run's result to the invoking run, as the step its
     * {@code context.invoke} waits for.
     */
    private void resumeInvoker(Run child, String state, byte @Nullable [] responseBody, List<String> due) {
        JsonNode invoker = this.json.readTree(child.invoker());
        JsonNode step = invoker.get("step");
        String url = invoker.path("workflowUrl").asString(null);
        if (!(step instanceof ObjectNode stepNode) || url == null) {
            logger.warn("Workflow run " + child.runId() + " cannot return its result: its invoker is incomplete");
            return;
        }
        ObjectNode out = this.json.createObjectNode();
        if (WorkflowStore.SUCCESS.equals(state) && responseBody != null) {
            out.put("body", new String(responseBody, StandardCharsets.UTF_8));
        }
        out.put("isFailed", WorkflowStore.FAILED.equals(state));
        out.put("isCanceled", WorkflowStore.CANCELED.equals(state));
        ObjectNode result = stepNode.deepCopy();
        result.put("out", this.json.writeValueAsString(out));
        RequestHeaders headers = RequestHeaders.fromJson(invoker.get("headers"));
        try {
            this.publisher.publishInTransaction(url, headers, this.json.writeValueAsBytes(result), due);
        }
        catch (BrokerException ex) {
            // The invoking run ended meanwhile: nobody waits for the result.
            logger.debug("Result of workflow run " + child.runId() + " not delivered: " + ex.getMessage());
        }
    }

}
