package io.github.qstashspring.workflow;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code context.createWebhook}: a step whose result the endpoint computes itself, a
 * webhook URL on QStash for this run and a new event id
 * ({@code {"webhookUrl","eventId"}}).
 */
final class CreateWebhookStep extends WorkflowStep<Webhook> {

    CreateWebhookStep(String name) {
        super(name);
    }

    @Override
    String type() {
        return "CreateWebhook";
    }

    @Override
    void submit(StepSubmission submission) {
        RunEnvironment env = submission.env();
        String eventId = "evt_" + EventIds.next();
        ObjectNode webhook = WorkflowJson.object();
        webhook.put("webhookUrl", env.services().webhookUrl(env.workflowRunId(), eventId));
        webhook.put("eventId", eventId);
        ObjectNode step = submission.resultStep(this);
        step.put("out", WorkflowJson.write(webhook));
        publishResult(submission, step);
    }

    @Override
    Webhook parse(Step step, RunEnvironment env) {
        JsonNode out = WorkflowJson.readProtocol(requireOut(step));
        return new Webhook(out.path("webhookUrl").asString(""), out.path("eventId").asString(""));
    }

}
