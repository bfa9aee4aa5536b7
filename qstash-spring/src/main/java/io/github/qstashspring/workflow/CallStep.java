package io.github.qstashspring.workflow;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.WorkflowTrigger;

/**
 * {@code context.call}: a message to the called URL whose callback (after every attempt)
 * comes back to the workflow as a {@code fromCallback} delivery; the endpoint turns the
 * final one into the step's result ({@link CallResults}). The request carries its own
 * retries, timeout and flow control, and {@code WF_NoDelete} so that a failing call does
 * not fail the run.
 */
final class CallStep<B> extends WorkflowStep<CallResponse<B>> {

    private static final List<String> TEXT_TYPES = List.of("application/json", "application/xml",
            "application/javascript", "application/x-www-form-urlencoded", "application/xhtml+xml",
            "application/ld+json", "application/rss+xml", "application/atom+xml");

    private final CallRequest request;

    private final Class<B> bodyType;

    CallStep(String name, CallRequest request, Class<B> bodyType) {
        super(name);
        this.request = request;
        this.bodyType = bodyType;
    }

    @Override
    String type() {
        return "Call";
    }

    @Override
    void submit(StepSubmission submission) {
        RunEnvironment env = submission.env();
        String contentType = contentType();
        PublishRequest message = PublishRequest.to(this.request.url())
            .method(this.request.method())
            .contentType(contentType)
            .headers(env.stepHeaders(false));
        String body = this.request.body(env.json());
        if (body != null) {
            message.body(body).contentType(contentType);
        }
        message.header("Upstash-Retries", Integer.toString(this.request.retries()));
        if (this.request.retryDelay() != null) {
            message.header("Upstash-Retry-Delay", this.request.retryDelay());
        }
        message.header("Upstash-Feature-Set", "WF_NoDelete,InitialBody");
        if (this.request.flowControl() != null) {
            message.flowControl(this.request.flowControl());
        }
        if (this.request.timeout() != null) {
            message.header("Upstash-Timeout", this.request.timeout().toSeconds() + "s");
        }
        this.request.headers().forEach((name, value) -> message.header("Upstash-Forward-" + name, value));
        message.headers(callbackHeaders(submission, contentType));
        message.header("Upstash-Workflow-CallType", "toCallback");
        env.batch(List.of(message));
    }

    private Map<String, String> callbackHeaders(StepSubmission submission, String contentType) {
        RunEnvironment env = submission.env();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upstash-Callback", env.workflowUrl());
        headers.put("Upstash-Callback-Workflow-RunId", env.workflowRunId());
        headers.put("Upstash-Callback-Workflow-CallType", "fromCallback");
        headers.put("Upstash-Callback-Workflow-Init", "false");
        headers.put("Upstash-Callback-Workflow-Url", env.workflowUrl());
        headers.put("Upstash-Callback-Feature-Set", WorkflowTrigger.FEATURE_SET);
        headers.put("Upstash-Callback-Forward-Upstash-Workflow-Callback", "true");
        headers.put("Upstash-Callback-Forward-Upstash-Workflow-StepId", Integer.toString(submission.stepId()));
        headers.put("Upstash-Callback-Forward-Upstash-Workflow-StepName", name());
        headers.put("Upstash-Callback-Forward-Upstash-Workflow-StepType", type());
        headers.put("Upstash-Callback-Forward-Upstash-Workflow-Concurrent", Integer.toString(submission.concurrent()));
        headers.put("Upstash-Callback-Forward-Upstash-Workflow-ContentType", contentType);
        String invokeCount = env.forwardedInvokeCount();
        if (invokeCount != null) {
            headers.put("Upstash-Callback-Forward-Upstash-Workflow-Invoke-Count", invokeCount);
            headers.put("Upstash-Forward-Upstash-Workflow-Invoke-Count", invokeCount);
        }
        return headers;
    }

    private String contentType() {
        for (Map.Entry<String, String> header : this.request.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                return header.getValue();
            }
        }
        return "application/json";
    }

    /**
     * Reads the recorded response {@code {"status","body","header"}}. The body was
     * recorded as a binary string (one character per byte); for text content types the
     * whole record is re-read as UTF-8 bytes, exactly as the official SDK does, and the
     * body converted to the requested type.
     */
    @Override
    CallResponse<B> parse(Step step, RunEnvironment env) {
        String out = requireOut(step);
        JsonNode record = WorkflowJson.readProtocol(out);
        Map<String, List<String>> headers = WorkflowJson.headers(record.path("header"));
        int status = record.path("status").asInt(0);
        boolean text = isText(first(headers, "content-type"));
        if (text && isBinaryString(out)) {
            record = WorkflowJson
                .readProtocol(new String(out.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        JsonNode bodyNode = record.get("body");
        String bodyText = (bodyNode == null || bodyNode.isNull()) ? null
                : bodyNode.isString() ? bodyNode.asString() : bodyNode.toString();
        return new CallResponse<>(status, headers, body(bodyText, text, env));
    }

    @SuppressWarnings("unchecked")
    private @Nullable B body(@Nullable String bodyText, boolean text, RunEnvironment env) {
        if (bodyText == null) {
            return null;
        }
        if (this.bodyType == byte[].class) {
            return (B) bodyText.getBytes(text ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
        if (!text && this.bodyType == String.class) {
            return (B) bodyText;
        }
        return env.json().read(bodyText, env.json().type(this.bodyType));
    }

    private static @Nullable String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return String.join(",", header.getValue());
            }
        }
        return null;
    }

    /** Whether a content type is read as text by the official SDK. */
    static boolean isText(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        return TEXT_TYPES.stream().anyMatch(lower::contains) || lower.startsWith("text/");
    }

    /**
     * Whether a text has only characters up to U+00FF, as a record written by the
     * official SDK (and this one) has; a record written by the Python SDK has its text
     * decoded already.
     */
    private static boolean isBinaryString(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

}
