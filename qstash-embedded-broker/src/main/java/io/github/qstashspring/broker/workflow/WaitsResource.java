package io.github.qstashspring.broker.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.store.WorkflowStore.Waiter;
import io.github.qstashspring.broker.workflow.Waits.Notified;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v2/wait/<eventId>} (a run's {@code waitForEvent}),
 * {@code POST /v2/notify/<eventId>} (every waiter present, answered with one
 * {@code NotifyResponse} per waiter), {@code POST /v2/notify/<runId>/<eventId>} (one run,
 * the event kept until it waits; one {@code NotifyResponse}) and
 * {@code GET /v2/waiters/<eventId>}.
 */
final class WaitsResource implements ApiResource {

    private final Waits waits;

    WaitsResource(Waits waits) {
        this.waits = waits;
    }

    @Override
    public List<String> names() {
        return List.of("wait", "notify", "waiters");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        switch (exchange.segment(1)) {
            case "wait" -> {
                exchange.requireMethod("POST");
                requireSegments(exchange, 3);
                JsonNode body = exchange.jsonObjectBody();
                if (body == null) {
                    throw BrokerException.badRequest("a wait needs a JSON body");
                }
                this.waits.await(exchange.decodedSegment(2), exchange.headers(), body);
                exchange.respond(200, Map.of());
            }
            case "notify" -> notify(exchange);
            default -> {
                exchange.requireMethod("GET");
                requireSegments(exchange, 3);
                List<Object> waiters = new ArrayList<>();
                for (Waiter waiter : this.waits.waiters(exchange.decodedSegment(2))) {
                    waiters.add(waiter(waiter));
                }
                exchange.respond(200, waiters);
            }
        }
    }

    private void notify(ApiExchange exchange) throws IOException {
        exchange.requireMethod("POST");
        if (exchange.segments() == 3) {
            List<Object> responses = new ArrayList<>();
            for (Notified notified : this.waits.notify(exchange.decodedSegment(2), null, exchange.body())) {
                responses.add(response(notified));
            }
            exchange.respond(201, responses);
            return;
        }
        requireSegments(exchange, 4);
        List<Notified> notified = this.waits.notify(exchange.decodedSegment(3), exchange.decodedSegment(2),
                exchange.body());
        exchange.respond(201, response(notified.get(0)));
    }

    private static void requireSegments(ApiExchange exchange, int count) {
        if (exchange.segments() != count) {
            throw exchange.notFound();
        }
    }

    private Map<String, Object> response(Notified notified) {
        Map<String, Object> response = new LinkedHashMap<>();
        if (notified.waiter() != null) {
            response.put("waiter", waiter(notified.waiter()));
        }
        response.put("messageId", notified.messageId());
        response.put("deduplicated", false);
        response.put("error", "");
        response.put("workflowRunId", notified.runId());
        response.put("workflowCreatedAt", notified.runCreatedAt());
        return response;
    }

    private Map<String, Object> waiter(Waiter waiter) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", waiter.url());
        json.put("deadline", waiter.deadline() / 1000);
        json.put("headers", waiter.headers());
        json.put("timeoutUrl", (waiter.timeoutUrl() != null) ? waiter.timeoutUrl() : "");
        json.put("timeoutBody", text(waiter.timeoutBody()));
        json.put("timeoutHeaders", waiter.timeoutHeaders());
        return json;
    }

    private static String text(byte @Nullable [] body) {
        return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
    }

}
