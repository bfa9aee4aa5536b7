package io.github.qstashspring.broker.message;

import java.io.IOException;
import java.util.List;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;

/**
 * {@code GET /v2/stats}: the broker's figures for the dashboard's overview (not a QStash
 * API): messages by state, the DLQ, schedules, queues and URL groups, and per time bucket
 * of the last {@code window} seconds (default 900) the messages published, delivered,
 * failed (to the DLQ), the failed attempts and the backlog. {@code step} is the bucket
 * width in seconds (default 10); the window holds at most 1,000 buckets.
 */
final class StatsResource implements ApiResource {

    private static final int MAX_BUCKETS = 1000;

    private final BrokerStats stats;

    StatsResource(BrokerStats stats) {
        this.stats = stats;
    }

    @Override
    public List<String> names() {
        return List.of("stats");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        if (exchange.segments() != 2) {
            throw exchange.notFound();
        }
        exchange.requireMethod("GET");
        long window = seconds(exchange, "window", 900);
        long step = seconds(exchange, "step", 10);
        if (window % step != 0 || window / step > MAX_BUCKETS) {
            throw BrokerException
                .badRequest("window must be a multiple of step, with at most " + MAX_BUCKETS + " steps");
        }
        exchange.respond(200, this.stats.read(window * 1000, step * 1000));
    }

    private static long seconds(ApiExchange exchange, String name, long defaultValue) {
        Long value = exchange.longParameter(name);
        if (value == null) {
            return defaultValue;
        }
        if (value < 1 || value > 86_400) {
            throw BrokerException.badRequest(name + " must be between 1 and 86400 seconds");
        }
        return value;
    }

}
