package io.github.qstashspring.workflow;

import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code waitForEvent} and {@code waitForWebhook} share: the step registers a waiter
 * with {@code POST /v2/wait/<eventId>} instead of publishing a message. When the event
 * arrives (or the timeout passes) QStash appends the step's result to the history and
 * calls the workflow with the headers given here.
 */
abstract class WaitingStep<R> extends WorkflowStep<R> {

    private final String eventId;

    private final String timeout;

    WaitingStep(String name, String eventId, Duration timeout) {
        super(name);
        if (eventId == null || eventId.isEmpty()) {
            throw new IllegalArgumentException("The event id of step '" + name + "' cannot be empty");
        }
        this.eventId = eventId;
        this.timeout = Durations.text(Durations.requireNotNegative(timeout, "Wait timeout"));
    }

    @Override
    final void addPlanFields(ObjectNode plan) {
        plan.put("waitEventId", this.eventId);
        plan.put("timeout", this.timeout);
    }

    @Override
    final void submit(StepSubmission submission) {
        RunEnvironment env = submission.env();
        Map<String, String> headers = env.stepHeaders(true);
        String invokeCount = env.forwardedInvokeCount();
        if (invokeCount != null) {
            headers.put("Upstash-Forward-Upstash-Workflow-Invoke-Count", invokeCount);
        }
        headers.put("Upstash-Workflow-CallType", "step");
        ObjectNode body = WorkflowJson.object();
        body.put("url", env.workflowUrl());
        body.put("timeout", this.timeout);
        body.put("timeoutUrl", env.workflowUrl());
        body.set("timeoutHeaders", timeoutHeaders(headers, env));
        ObjectNode step = body.putObject("step");
        step.put("stepId", submission.stepId());
        step.put("stepType", type());
        step.put("stepName", name());
        step.put("concurrent", submission.concurrent());
        env.qstash().workflows().registerWaiter(this.eventId, headers, WorkflowJson.write(body));
    }

    private static ObjectNode timeoutHeaders(Map<String, String> headers, RunEnvironment env) {
        ObjectNode timeoutHeaders = WorkflowJson.object();
        headers.forEach((name, value) -> values(timeoutHeaders, name, value));
        values(timeoutHeaders, "content-type", "application/json");
        values(timeoutHeaders, "Upstash-Workflow-Runid", env.workflowRunId());
        values(timeoutHeaders, "Upstash-Workflow-Init", "false");
        values(timeoutHeaders, "Upstash-Workflow-Url", env.workflowUrl());
        values(timeoutHeaders, "Upstash-Workflow-CallType", "step");
        return timeoutHeaders;
    }

    private static void values(ObjectNode headers, String name, String value) {
        ArrayNode values = headers.putArray(name);
        values.add(value);
    }

}
