package io.github.qstashspring.broker.flow;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import tools.jackson.databind.JsonNode;

import static io.github.qstashspring.broker.api.ApiJson.text;

/** {@code /v2/queues}: upsert, list, get (with {@code lag}), delete, pause and resume. */
final class QueuesResource implements ApiResource {

    private final Queues queues;

    QueuesResource(Queues queues) {
        this.queues = queues;
    }

    @Override
    public List<String> names() {
        return List.of("queues");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        if (exchange.segments() == 2) {
            if (exchange.method().equals("GET")) {
                exchange.respond(200, this.queues.list().stream().map(QueuesResource::view).toList());
                return;
            }
            exchange.requireMethod("POST");
            upsert(exchange);
            exchange.respond(200);
            return;
        }
        String name = exchange.decodedSegment(2);
        if (exchange.segments() == 4 && (exchange.segment(3).equals("pause") || exchange.segment(3).equals("resume"))) {
            exchange.requireMethod("POST");
            this.queues.setPaused(name, exchange.segment(3).equals("pause"));
            exchange.respond(200);
            return;
        }
        if (exchange.segments() != 3) {
            throw exchange.notFound();
        }
        if (exchange.method().equals("GET")) {
            exchange.respond(200, view(this.queues.get(name)));
            return;
        }
        exchange.requireMethod("DELETE");
        this.queues.delete(name);
        exchange.respond(200);
    }

    private void upsert(ApiExchange exchange) throws IOException {
        JsonNode root = exchange.json(exchange.body());
        if (root == null || !root.isObject()) {
            throw BrokerException.badRequest("body must be {\"queueName\":\"...\",\"parallelism\":1}");
        }
        String name = text(root.get("queueName"));
        if (name == null) {
            throw BrokerException.badRequest("queueName is required");
        }
        JsonNode parallelism = root.get("parallelism");
        if (parallelism != null && !parallelism.isNull() && !parallelism.isIntegralNumber()) {
            throw BrokerException.badRequest("invalid parallelism: " + parallelism);
        }
        JsonNode paused = root.get("paused");
        this.queues.upsert(name, (parallelism != null && !parallelism.isNull()) ? parallelism.asInt() : 1,
                (paused != null && paused.isBoolean()) ? paused.asBoolean() : null);
    }

    private static Map<String, Object> view(Queues.QueueView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", view.queue().name());
        json.put("createdAt", view.queue().createdAt());
        json.put("updatedAt", view.queue().updatedAt());
        json.put("parallelism", view.queue().parallelism());
        json.put("paused", view.queue().paused());
        json.put("lag", view.lag());
        return json;
    }

}
