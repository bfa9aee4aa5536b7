package io.github.qstashspring.workflow;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.qstashspring.client.NotifyResponse;
import io.github.qstashspring.client.QStashWorkflows;

/**
 * {@code context.notify}: a run step that notifies ({@code POST /v2/notify/...}) and
 * records {@code {"eventId","eventData","notifyResponse"}}.
 */
final class NotifyStep extends WorkflowStep<NotifyResult> {

    private final String eventId;

    private final @Nullable Object eventData;

    private final @Nullable String workflowRunId;

    NotifyStep(String name, String eventId, @Nullable Object eventData, @Nullable String workflowRunId) {
        super(name);
        this.eventId = eventId;
        this.eventData = eventData;
        this.workflowRunId = workflowRunId;
    }

    @Override
    String type() {
        return "Notify";
    }

    @Override
    void submit(StepSubmission submission) {
        RunEnvironment env = submission.env();
        QStashWorkflows workflows = env.qstash().workflows();
        List<NotifyResponse> responses = submission.execute(this,
                () -> (this.workflowRunId != null)
                        ? workflows.notifyRun(this.workflowRunId, this.eventId, this.eventData)
                        : workflows.notify(this.eventId, this.eventData));
        ObjectNode out = WorkflowJson.object();
        out.put("eventId", this.eventId);
        if (this.eventData != null) {
            out.set("eventData", env.json().toTree(this.eventData));
        }
        out.set("notifyResponse", WorkflowJson.protocolTree(responses));
        ObjectNode step = submission.resultStep(this);
        step.put("out", WorkflowJson.write(out));
        publishResult(submission, step);
    }

    @Override
    @Nullable NotifyResult parse(Step step, RunEnvironment env) {
        if (step.out() == null) {
            return null;
        }
        JsonNode out = WorkflowJson.readProtocol(step.out());
        JsonNode data = out.get("eventData");
        if (data != null && data.isString()) {
            data = env.json().read(data.asString(), env.json().type(JsonNode.class));
        }
        List<NotifyResponse> responses = new ArrayList<>();
        JsonNode notified = out.path("notifyResponse");
        if (notified.isArray()) {
            notified.forEach((response) -> responses.add(WorkflowJson.protocolValue(response, NotifyResponse.class)));
        }
        else if (notified.isObject()) {
            responses.add(WorkflowJson.protocolValue(notified, NotifyResponse.class));
        }
        return new NotifyResult(out.path("eventId").asString(this.eventId),
                (data == null || data.isNull()) ? null : data, responses);
    }

}
