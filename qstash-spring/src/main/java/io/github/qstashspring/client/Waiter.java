package io.github.qstashspring.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A workflow run waiting for an event ({@code context.waitForEvent}), as
 * {@code GET /v2/waiters/<eventId>} and notify responses describe it.
 *
 * @param url the workflow URL the event is delivered to
 * @param deadline when the wait times out, in Unix seconds
 * @param headers the headers the event delivery carries
 * @param timeoutUrl the URL called when the wait times out
 * @param timeoutBody the body of the timeout call
 * @param timeoutHeaders the headers of the timeout call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Waiter(@Nullable String url, @Nullable Long deadline, @Nullable Map<String, List<String>> headers,
        @Nullable String timeoutUrl, @Nullable JsonNode timeoutBody,
        @Nullable Map<String, List<String>> timeoutHeaders) {
}
