package io.github.qstashspring.workflow;

import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Runs a workflow's failure handler when QStash delivers the failure callback of a failed
 * run: {@code {"status","header","body"(base64),"url","sourceBody"(base64 initial
 * payload),"workflowRunId","workflowCreatedAt","dlqId"}}. The message and stack come from
 * the failing response when it is the workflow's own error JSON.
 */
final class FailureCallbacks {

    private FailureCallbacks() {
    }

    static ResponseEntity<Object> handle(WorkflowRequest request, WorkflowDefinition definition,
            WorkflowServices services) throws Exception {
        if (definition.failureHandler() == null) {
            return WorkflowResponses.failureHandlerMissing(request.workflowRunId());
        }
        JsonNode callback = WorkflowJson.readProtocol(request.body());
        String failBody = callback.hasNonNull("body") ? WorkflowJson.decodeBase64(callback.get("body").asString())
                : "{}";
        String message = "";
        String stack = "";
        try {
            JsonNode error = WorkflowJson.readProtocol(failBody);
            message = error.path("message").asString("");
            stack = error.path("stack").asString("");
        }
        catch (WorkflowProtocolException ex) {
            // not the workflow's error JSON
        }
        if (message.isEmpty()) {
            message = "Couldn't parse 'failResponse' in 'failureFunction', received: '" + failBody + "'";
        }
        String sourceBody = callback.hasNonNull("sourceBody")
                ? WorkflowJson.decodeBase64(callback.get("sourceBody").asString()) : "";
        Long createdAt = callback.hasNonNull("workflowCreatedAt") ? callback.get("workflowCreatedAt").asLong() : null;
        RunData<Object> run = new RunData<>(callback.path("workflowRunId").asString(request.workflowRunId()),
                callback.path("url").asString(request.workflowUrl()),
                new Payload<>(sourceBody, services.json().type(definition.payloadType()), services.json(), false),
                request.userHeaders(), request.labels(), request.retried(), WorkflowRequest.instant(createdAt));
        if (!DryRun.reachesFirstStep(definition, run)) {
            throw new WorkflowProtocolException("Not authorized to run the failure function.");
        }
        Object result = definition.handleFailure(new WorkflowFailure<>(new FailureContext<>(run),
                callback.path("status").asInt(0), message, WorkflowJson.headers(callback.path("header")), stack,
                callback.hasNonNull("dlqId") ? callback.get("dlqId").asString() : null));
        return WorkflowResponses.failureHandled(services.json().toTree(result));
    }

}
