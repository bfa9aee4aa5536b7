package io.github.qstashspring.broker.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.qstashspring.broker.flow.FlowControl;
import io.github.qstashspring.broker.message.BrokerException;
import io.github.qstashspring.broker.store.FlowKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v2/flowControl} (list with {@code search}, get, pause, resume, pin, unpin,
 * resetRate) and {@code /v2/globalParallelism}.
 */
final class FlowControlApi {

    private final FlowControl flowControl;

    private final JsonMapper json;

    private final int maxParallelism;

    FlowControlApi(FlowControl flowControl, JsonMapper json, int maxParallelism) {
        this.flowControl = flowControl;
        this.json = json;
        this.maxParallelism = maxParallelism;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, QueryParameters query, String method,
            RawPath raw) throws IOException {
        if (raw.size() == 2) {
            BrokerApi.requireMethod(method, "GET");
            write(response, this.flowControl.list(query.first("search")).stream().map(FlowControlApi::view).toList());
            return;
        }
        String key = raw.decoded(2);
        if (raw.size() == 3) {
            BrokerApi.requireMethod(method, "GET");
            write(response, view(this.flowControl.get(key)));
            return;
        }
        if (raw.size() != 4) {
            throw BrokerException.notFound("not found: " + request.getRequestURI());
        }
        BrokerApi.requireMethod(method, "POST");
        switch (raw.lower(3)) {
            case "pause" -> this.flowControl.setPaused(key, true);
            case "resume" -> this.flowControl.setPaused(key, false);
            case "pin" -> this.flowControl.pin(key, query.integer("parallelism"), query.integer("rate"),
                    (query.integer("period") != null) ? Long.valueOf(query.integer("period")) : null);
            case "unpin" ->
                this.flowControl.unpin(key, isTrue(query.first("parallelism")), isTrue(query.first("rate")));
            case "resetrate", "reset" -> this.flowControl.resetRate(key);
            default -> throw BrokerException.notFound("not found: " + request.getRequestURI());
        }
        response.setStatus(200);
    }

    void globalParallelism(HttpServletResponse response, String method) throws IOException {
        BrokerApi.requireMethod(method, "GET");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("parallelismMax", this.maxParallelism);
        json.put("parallelismCount", this.flowControl.activeDeliveries());
        write(response, json);
    }

    private static boolean isTrue(@Nullable String value) {
        return "true".equalsIgnoreCase(value);
    }

    private static Map<String, Object> view(FlowControl.FlowKeyView view) {
        FlowKey key = view.key();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("flowControlKey", key.key());
        json.put("waitListSize", view.waitListSize());
        json.put("parallelismMax", (key.parallelism() != null) ? key.parallelism() : 0);
        json.put("parallelismCount", view.parallelismCount());
        json.put("rateMax", (key.rate() != null) ? key.rate() : 0);
        json.put("rateCount", key.rateCount());
        json.put("ratePeriod", key.periodSeconds());
        json.put("ratePeriodStart", key.periodStart() / 1000);
        json.put("isPaused", key.paused());
        json.put("isPinnedParallelism", key.pinnedParallelism());
        json.put("isPinnedRate", key.pinnedRate());
        return json;
    }

    private void write(HttpServletResponse response, Object body) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        this.json.writeValue(response.getOutputStream(), body);
    }

}
