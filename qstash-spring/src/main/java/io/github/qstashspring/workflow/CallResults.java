package io.github.qstashspring.workflow;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.qstashspring.client.PublishRequest;

/**
 * Handles the QStash callback of a {@code context.call} request (a delivery with
 * {@code Upstash-Workflow-Callback}): a failed attempt that QStash will retry is only
 * acknowledged; the final response becomes the call step's result, published with
 * {@code POST /v2/publish/<workflow URL>}. The callback JSON comes inline, or (empty
 * body) from the run's history by message id.
 */
final class CallResults {

    private static final List<String> STEP_TYPES = List.of("Initial", "Run", "SleepFor", "SleepUntil", "Call", "Wait",
            "Notify", "Invoke", "CreateWebhook", "WaitForWebhook");

    private CallResults() {
    }

    static ResponseEntity<Object> handle(WorkflowRequest request, WorkflowServices services) {
        // As the official SDK, a callback (which has no protocol version header) is
        // answered
        // with the random run id of a first invocation.
        String runId = request.workflowRunId();
        try {
            String payload = request.body().isEmpty() ? fromHistory(request, services) : request.body();
            if (payload == null) {
                return WorkflowResponses.finished(runId, "workflow-already-ended");
            }
            JsonNode callback = WorkflowJson.readProtocol(payload);
            int status = callback.path("status").asInt(0);
            int maxRetries = callback.path("maxRetries").asInt(0);
            if ((status < 200 || status >= 300) && maxRetries != 0 && callback.path("retried").asInt(0) != maxRetries) {
                return WorkflowResponses.finished(runId, "fromCallback");
            }
            publishResult(request, callback, services);
            return WorkflowResponses.finished(runId, "fromCallback");
        }
        catch (RuntimeException ex) {
            throw new WorkflowProtocolException("Error when handling call return (isCallReturn=true): " + ex, ex);
        }
    }

    private static void publishResult(WorkflowRequest request, JsonNode callback, WorkflowServices services) {
        Map<String, @Nullable String> source = new LinkedHashMap<>();
        for (String name : List.of("RunId", "StepId", "StepName", "StepType", "Concurrent", "ContentType")) {
            source.put(name, request.header("Upstash-Workflow-" + name));
        }
        if (source.containsValue(null) || !STEP_TYPES.contains(source.get("StepType"))) {
            throw new WorkflowProtocolException("Missing info in callback message source header: " + source);
        }
        ObjectNode response = WorkflowJson.object();
        response.put("status", callback.path("status").asInt(0));
        String body = callback.hasNonNull("body") ? callback.get("body").asString() : "";
        response.put("body", new String(WorkflowJson.base64Bytes(body), StandardCharsets.ISO_8859_1));
        if (callback.has("header")) {
            response.set("header", callback.get("header"));
        }
        ObjectNode step = WorkflowJson.object();
        step.put("stepId", Integer.parseInt(source.get("StepId")));
        step.put("stepName", source.get("StepName"));
        step.put("stepType", source.get("StepType"));
        step.put("out", WorkflowJson.write(response));
        step.put("concurrent", Integer.parseInt(source.get("Concurrent")));
        RunEnvironment env = new RunEnvironment(source.get("RunId"), request.workflowUrl(), request.invokeCount(), null,
                services, new WorkflowUrls(request.workflowUrl(), ""));
        PublishRequest message = env.stepMessage(WorkflowJson.write(step));
        services.qstash().publish(message);
    }

    /**
     * The callback of an empty-bodied delivery: its history entry, or {@code null} when
     * the run ended.
     */
    private static @Nullable String fromHistory(WorkflowRequest request, WorkflowServices services) {
        String runId = request.header("Upstash-Workflow-RunId");
        String messageId = request.header("Upstash-Message-Id");
        if (runId == null || messageId == null) {
            throw new WorkflowProtocolException("workflow run id or message id missing in context.call lazy fetch.");
        }
        String history = services.qstash().workflows().history(runId);
        if (history == null) {
            return null;
        }
        for (JsonNode entry : WorkflowJson.readProtocol(history)) {
            if (messageId.equals(entry.path("messageId").asString(null))) {
                return new String(WorkflowJson.base64Bytes(entry.path("body").asString("")),
                        StandardCharsets.ISO_8859_1);
            }
        }
        throw new WorkflowProtocolException(
                "Failed to submit the context.call. No step was found with matching messageId " + messageId + ".");
    }

}
