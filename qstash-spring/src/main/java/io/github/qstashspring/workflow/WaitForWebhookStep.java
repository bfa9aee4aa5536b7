package io.github.qstashspring.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * {@code context.waitForWebhook}: a wait for the webhook's event. The result's
 * {@code out} is base64 of the captured call
 * {@code {"method","header","body"(base64),"proto","host","url"}}; no {@code out} when
 * the wait timed out.
 */
final class WaitForWebhookStep extends WaitingStep<WebhookResult> {

    WaitForWebhookStep(String name, Webhook webhook, Duration timeout) {
        super(name, webhook.eventId(), timeout);
    }

    @Override
    String type() {
        return "WaitForWebhook";
    }

    @Override
    WebhookResult parse(Step step, RunEnvironment env) {
        String out = step.out();
        if (out == null) {
            return new WebhookResult(null, true);
        }
        JsonNode call = WorkflowJson.readProtocol(WorkflowJson.decodeBase64(out));
        String method = call.path("method").asString("POST");
        String url = call.path("proto").asString("https") + "://" + call.path("host").asString("")
                + call.path("url").asString("");
        Map<String, List<String>> headers = WorkflowJson.headers(call.path("header"));
        String upper = method.toUpperCase(Locale.ROOT);
        boolean canHaveBody = !upper.equals("GET") && !upper.equals("HEAD");
        JsonNode body = call.get("body");
        byte[] bytes = (canHaveBody && body != null && body.isString()) ? WorkflowJson.base64Bytes(body.asString())
                : new byte[0];
        return new WebhookResult(new WebhookRequest(method, url, headers, bytes), false);
    }

}
