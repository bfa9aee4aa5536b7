package io.github.qstashspring.broker.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.qstashspring.broker.message.BrokerException;
import io.github.qstashspring.broker.message.Queues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v2/queues}: upsert, list, get (with {@code lag}), delete, pause and resume. */
final class QueueApi {

    private final Queues queues;

    private final JsonMapper json;

    private final long maxBodySize;

    QueueApi(Queues queues, JsonMapper json, long maxBodySize) {
        this.queues = queues;
        this.json = json;
        this.maxBodySize = maxBodySize;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, String method, RawPath raw)
            throws IOException {
        if (raw.size() == 2) {
            if (method.equals("GET")) {
                write(response, this.queues.list().stream().map(QueueApi::view).toList());
                return;
            }
            BrokerApi.requireMethod(method, "POST");
            upsert(request);
            response.setStatus(200);
            return;
        }
        String name = raw.decoded(2);
        if (raw.size() == 4 && (raw.lower(3).equals("pause") || raw.lower(3).equals("resume"))) {
            BrokerApi.requireMethod(method, "POST");
            this.queues.setPaused(name, raw.lower(3).equals("pause"));
            response.setStatus(200);
            return;
        }
        if (raw.size() != 3) {
            throw BrokerException.notFound("not found: " + request.getRequestURI());
        }
        if (method.equals("GET")) {
            write(response, view(this.queues.get(name)));
            return;
        }
        BrokerApi.requireMethod(method, "DELETE");
        this.queues.delete(name);
        response.setStatus(200);
    }

    private void upsert(HttpServletRequest request) throws IOException {
        byte[] body = BrokerApi.readBody(request, this.maxBodySize);
        JsonNode root = (body.length > 0) ? this.json.readTree(body) : null;
        if (root == null || !root.isObject()) {
            throw BrokerException.badRequest("body must be {\"queueName\":\"...\",\"parallelism\":1}");
        }
        String name = BrokerApi.text(root.get("queueName"));
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
        json.put("name", view.queue().getName());
        json.put("createdAt", view.queue().getCreatedAt());
        json.put("updatedAt", view.queue().getUpdatedAt());
        json.put("parallelism", view.queue().getParallelism());
        json.put("paused", view.queue().isPaused());
        json.put("lag", view.lag());
        return json;
    }

    private void write(HttpServletResponse response, Object body) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        this.json.writeValue(response.getOutputStream(), body);
    }

}
