package io.github.qstashspring.broker.flow;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.store.ResourceStore.FlowKey;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v2/flowControl} (list with {@code search}, get, pause, resume, pin, unpin,
 * resetRate) and {@code /v2/globalParallelism}.
 */
final class FlowControlResource implements ApiResource {

    private final FlowControl flowControl;

    private final int maxParallelism;

    FlowControlResource(FlowControl flowControl, int maxParallelism) {
        this.flowControl = flowControl;
        this.maxParallelism = maxParallelism;
    }

    @Override
    public List<String> names() {
        return List.of("flowcontrol", "globalparallelism");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        if (exchange.segment(1).equals("globalparallelism")) {
            exchange.requireMethod("GET");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("parallelismMax", this.maxParallelism);
            json.put("parallelismCount", this.flowControl.activeDeliveries());
            exchange.respond(200, json);
            return;
        }
        if (exchange.segments() == 2) {
            exchange.requireMethod("GET");
            exchange.respond(200,
                    this.flowControl.list(exchange.parameter("search"))
                        .stream()
                        .map(FlowControlResource::view)
                        .toList());
            return;
        }
        String key = exchange.decodedSegment(2);
        if (exchange.segments() == 3) {
            exchange.requireMethod("GET");
            exchange.respond(200, view(this.flowControl.get(key)));
            return;
        }
        if (exchange.segments() != 4) {
            throw exchange.notFound();
        }
        exchange.requireMethod("POST");
        switch (exchange.segment(3)) {
            case "pause" -> this.flowControl.setPaused(key, true);
            case "resume" -> this.flowControl.setPaused(key, false);
            case "pin" -> this.flowControl.pin(key, exchange.integerParameter("parallelism"),
                    exchange.integerParameter("rate"), (exchange.integerParameter("period") != null)
                            ? Long.valueOf(exchange.integerParameter("period")) : null);
            case "unpin" -> this.flowControl.unpin(key, isTrue(exchange.parameter("parallelism")),
                    isTrue(exchange.parameter("rate")));
            case "resetrate", "reset" -> this.flowControl.resetRate(key);
            default -> throw exchange.notFound();
        }
        exchange.respond(200);
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

}
