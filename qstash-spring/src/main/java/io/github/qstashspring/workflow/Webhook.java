package io.github.qstashspring.workflow;

/**
 * A URL that resumes this run when it is called: {@link WorkflowContext#createWebhook}
 * creates it, {@link WorkflowContext#waitForWebhook} waits for a call to it. Hand the URL
 * to a service that calls back when it is done.
 *
 * @param webhookUrl the URL to call (on QStash), any method
 * @param eventId the event the call is delivered as
 */
public record Webhook(String webhookUrl, String eventId) {
}
