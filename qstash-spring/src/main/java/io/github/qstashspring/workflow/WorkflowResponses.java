package io.github.qstashspring.workflow;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.qstashspring.listener.QStashNonRetryableException;

/**
 * The answers of a workflow endpoint, as the official SDK 1.3.3 gives them (QStash acts
 * on the status): JSON text sent as {@code text/plain;charset=UTF-8}, every answer with
 * {@code Upstash-Workflow-Sdk-Version: 1}, all but the {@code 500} also with
 * {@code Upstash-Workflow-Sdk}.
 */
final class WorkflowResponses {

    /** The protocol version of the workflow SDKs. */
    static final String PROTOCOL_VERSION = "1";

    /**
     * The SDK version the answers name: the official SDK's whose protocol this endpoint
     * speaks (QStash may check it to tell a workflow endpoint from another URL).
     */
    static final String SDK_VERSION = "v1.3.2";

    static final String AUTH_FAIL_MESSAGE = "Failed to authenticate Workflow request. If this is unexpected, see "
            + "the caveat https://upstash.com/docs/workflow/basics/caveats#avoid-non-deterministic-code-outside-context-run";

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private static final int STACK_FRAMES = 10;

    private WorkflowResponses() {
    }

    /** {@code 200 {"workflowRunId","finishCondition"}}. */
    static ResponseEntity<Object> finished(String workflowRunId, String finishCondition) {
        return response(200, condition(workflowRunId, finishCondition)).build(null);
    }

    /** {@code 200} with the failure handler's result: {@code {"result":...}}. */
    static ResponseEntity<Object> failureHandled(@Nullable JsonNode result) {
        ObjectNode body = WorkflowJson.object();
        if (result != null && !result.isNull() && !result.isMissingNode()) {
            body.set("result", result);
        }
        return response(200, body).build(null);
    }

    /** {@code 200} for a failure callback the workflow has no handler for. */
    static ResponseEntity<Object> failureHandlerMissing(String workflowRunId) {
        return response(200, condition(workflowRunId, "failure-callback-undefined"))
            .build("Upstash-Workflow-Failure-Callback-Notfound");
    }

    /** {@code 400}: the workflow returned before its first step. */
    static ResponseEntity<Object> authorizationFailed(String workflowRunId) {
        ObjectNode body = WorkflowJson.object();
        body.put("message", AUTH_FAIL_MESSAGE);
        body.put("workflowRunId", workflowRunId);
        return response(400, body).build(null);
    }

    /**
     * {@code 489} with {@code Upstash-NonRetryable-Error: true}: QStash fails the run
     * now.
     */
    static ResponseEntity<Object> nonRetryable(RuntimeException ex) {
        return response(489, error(ex)).build("Upstash-NonRetryable-Error");
    }

    /** {@code 429} with {@code Retry-After}: QStash retries after that many seconds. */
    static ResponseEntity<Object> retryAfter(WorkflowRetryAfterException ex) {
        return ResponseEntity.status(429)
            .header("Upstash-Workflow-Sdk-Version", PROTOCOL_VERSION)
            .header("Upstash-Workflow-Sdk", SDK_VERSION)
            .header("Retry-After", Long.toString(ex.getRetryAfter().toSeconds()))
            .contentType(TEXT)
            .body(bytes(error(ex)));
    }

    /** {@code 500}: QStash retries the delivery. */
    static ResponseEntity<Object> failed(Throwable ex, @Nullable String stepName) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(500)
            .header("Upstash-Workflow-Sdk-Version", PROTOCOL_VERSION)
            .contentType(TEXT);
        if (stepName != null) {
            String clean = stepName.replaceAll("[\\u0000-\\u001F\\u007F]+", " ").trim();
            if (!clean.isEmpty()) {
                builder.header("Upstash-Error-Step-Name", clean);
            }
        }
        return builder.body(bytes(error(ex)));
    }

    /**
     * {@code {"error":<name>,"message":...,"stack":...}}, as the official SDK formats
     * errors.
     */
    static ObjectNode error(Throwable ex) {
        Throwable reported = (ex instanceof WorkflowStepException && ex.getCause() != null) ? ex.getCause() : ex;
        ObjectNode body = WorkflowJson.object();
        body.put("error", errorName(reported));
        body.put("message", (reported.getMessage() != null) ? reported.getMessage() : "");
        body.put("stack", stack(reported));
        return body;
    }

    private static String errorName(Throwable ex) {
        if (ex instanceof WorkflowProtocolException) {
            return "WorkflowError";
        }
        if (ex instanceof QStashNonRetryableException) {
            return "WorkflowNonRetryableError";
        }
        if (ex instanceof WorkflowRetryAfterException) {
            return "WorkflowRetryAfterError";
        }
        return ex.getClass().getSimpleName();
    }

    /** The first lines of the stack trace, as many frames as a JavaScript stack has. */
    private static String stack(Throwable ex) {
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        String[] lines = trace.toString().split("\\R");
        StringBuilder stack = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length && i <= STACK_FRAMES; i++) {
            stack.append('\n').append(lines[i]);
        }
        return stack.toString();
    }

    private static ObjectNode condition(String workflowRunId, String finishCondition) {
        ObjectNode body = WorkflowJson.object();
        body.put("workflowRunId", workflowRunId);
        body.put("finishCondition", finishCondition);
        return body;
    }

    private static byte[] bytes(JsonNode body) {
        return WorkflowJson.write(body).getBytes(StandardCharsets.UTF_8);
    }

    private static Builder response(int status, JsonNode body) {
        return new Builder(status, body);
    }

    /**
     * An answer with the protocol headers and an optional {@code <flag>: true} header.
     */
    private record Builder(int status, JsonNode body) {

        ResponseEntity<Object> build(@Nullable String flag) {
            ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatusCode.valueOf(this.status))
                .header("Upstash-Workflow-Sdk-Version", PROTOCOL_VERSION)
                .header("Upstash-Workflow-Sdk", SDK_VERSION)
                .contentType(TEXT);
            if (flag != null) {
                builder.header(flag, "true");
            }
            return builder.body(bytes(this.body));
        }

    }

}
