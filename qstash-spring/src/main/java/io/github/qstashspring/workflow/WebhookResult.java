package io.github.qstashspring.workflow;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link WorkflowContext#waitForWebhook wait for a webhook} ended.
 *
 * @param request the call made to the webhook, {@code null} when the wait timed out
 * @param timedOut whether the wait ended because its timeout passed
 */
public record WebhookResult(@Nullable WebhookRequest request, boolean timedOut) {
}
