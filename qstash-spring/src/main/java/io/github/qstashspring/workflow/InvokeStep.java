package io.github.qstashspring.workflow;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.qstashspring.client.PublishRequest;

/**
 * {@code context.invoke}: publishes the trigger of the invoked run to its URL
 * ({@code POST /v2/publish/<url>}, {@code Upstash-Workflow-Invoke: true}) with an
 * envelope naming this run and step. When the invoked run ends, QStash appends
 * {@code {"body","isFailed","isCanceled"}} to this run's history.
 */
final class InvokeStep<R> extends WorkflowStep<InvokeResult<R>> {

    private final InvokeRequest request;

    private final Class<R> resultType;

    InvokeStep(String name, InvokeRequest request, Class<R> resultType) {
        super(name);
        this.request = request;
        this.resultType = resultType;
    }

    @Override
    String type() {
        return "Invoke";
    }

    @Override
    void submit(StepSubmission submission) {
        RunEnvironment env = submission.env();
        String childUrl = env.urls().resolve(this.request.workflow());
        PublishRequest message = this.request.toTrigger(childUrl).toPublishRequest();
        String childInvokeCount = Integer.toString(env.invokeCount() + 1);
        message.header("upstash-forward-upstash-workflow-invoke-count", childInvokeCount);
        message.header("upstash-failure-callback-forward-upstash-workflow-invoke-count", childInvokeCount);
        message.header("upstash-workflow-invoke", "true");
        if (!this.request.labels().isEmpty()) {
            String labels = String.join(",", this.request.labels());
            message.header("upstash-label", labels);
            message.header("upstash-forward-upstash-label", labels);
        }
        message.body(WorkflowJson.write(envelope(submission)));
        env.qstash().publish(message);
    }

    private ObjectNode envelope(StepSubmission submission) {
        RunEnvironment env = submission.env();
        ObjectNode envelope = WorkflowJson.object();
        String body = this.request.body(env.json());
        if (body != null) {
            envelope.put("body", body);
        }
        ObjectNode headers = envelope.putObject("headers");
        Map<String, String> invoker = env.stepHeaders(true);
        invoker.put("content-type", "application/json");
        String invokeCount = env.forwardedInvokeCount();
        if (invokeCount != null) {
            invoker.put("Upstash-Forward-Upstash-Workflow-Invoke-Count", invokeCount);
        }
        invoker.put("Upstash-Workflow-Runid", env.workflowRunId());
        invoker.forEach((name, value) -> headers.putArray(name).add(value));
        envelope.put("workflowRunId", env.workflowRunId());
        if (env.createdAt() != null) {
            envelope.put("workflowRunCreatedAt", env.createdAt());
        }
        else {
            envelope.putNull("workflowRunCreatedAt");
        }
        envelope.put("workflowUrl", env.workflowUrl());
        ObjectNode step = envelope.putObject("step");
        step.put("stepId", submission.stepId());
        step.put("stepName", name());
        step.put("stepType", type());
        step.put("concurrent", submission.concurrent());
        return envelope;
    }

    @Override
    InvokeResult<R> parse(Step step, RunEnvironment env) {
        JsonNode out = WorkflowJson.readProtocol(requireOut(step));
        JsonNode body = out.get("body");
        @Nullable R value = null;
        if (body != null && !body.isNull()) {
            value = body.isString() ? env.json().read(body.asString(), env.json().type(this.resultType))
                    : env.json().convert(body, env.json().type(this.resultType));
        }
        return new InvokeResult<>(value, out.path("isFailed").asBoolean(false),
                out.path("isCanceled").asBoolean(false));
    }

}
