package io.github.qstashspring.workflow;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.qstashspring.client.NotifyResponse;

/**
 * What a {@link WorkflowContext#notify notify} step did.
 *
 * @param eventId the event id
 * @param eventData the data sent with the event
 * @param notifyResponse one response per run that was waiting for the event
 */
public record NotifyResult(String eventId, @Nullable JsonNode eventData, List<NotifyResponse> notifyResponse) {
}
