package io.github.qstashspring.broker.workflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.message.DeadLetters;
import io.github.qstashspring.broker.store.MessageStore.Page;
import io.github.qstashspring.broker.store.WorkflowStore.DeadLetterFilter;
import org.jspecify.annotations.Nullable;

/**
 * The workflow DLQ over HTTP ({@link WorkflowDeadLetters}): the listing, served on
 * {@code GET /v2/workflows/dlq} and, as the {@code workflow} source of the DLQ, on
 * {@code GET /v2/dlq?source=workflow} (the SDK's path); {@code GET} and {@code DELETE} of
 * {@code /v2/workflows/dlq/<dlqId>}; bulk {@code DELETE /v2/workflows/dlq} by
 * {@code dlqIds} or filters; {@code POST /v2/workflows/dlq/restart} (by {@code dlqIds} or
 * filters) and {@code /restart/<dlqId>}; {@code POST /v2/workflows/dlq/callback/<dlqId>}
 * retries a failure callback that failed. Resuming a run at its failed step
 * ({@code /resume}) is answered 400: the embedded broker does not support it.
 * <p>
 * Filters (repeated or comma-joined values): {@code dlqIds}, {@code workflowRunId},
 * {@code workflowUrl} (exact), {@code workflowCreatedAt}, {@code label},
 * {@code failureFunctionState}, {@code callerIp}, {@code flowControlKey}, {@code url},
 * {@code responseStatus}, and {@code fromDate}/{@code toDate} (when the run failed, Unix
 * ms). Bulk calls take {@code count} (at most 100 deletes or 50 restarts a call) and
 * {@code cursor}, and answer the cursor of the next call while more entries match.
 */
final class WorkflowDeadLetterResource implements DeadLetters.Source {

    private static final int MAX_PAGE = 100;

    private static final int MAX_RESTARTS = 50;

    private final WorkflowDeadLetters deadLetters;

    WorkflowDeadLetterResource(WorkflowDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public String name() {
        return "workflow";
    }

    @Override
    public void list(ApiExchange exchange) throws IOException {
        Page<Map<String, Object>> page = this.deadLetters.list(filter(exchange), cursor(exchange),
                count(exchange, MAX_PAGE), exchange.isReadOnly());
        exchange.respond(200, withCursor("messages", page.items(), page.cursor()));
    }

    /**
     * Answers a request to {@code /v2/workflows/dlq...}.
     * @param exchange the request
     * @throws IOException when the connection fails
     */
    void handle(ApiExchange exchange) throws IOException {
        if (exchange.segments() == 3) {
            if (exchange.method().equals("GET")) {
                list(exchange);
                return;
            }
            exchange.requireMethod("DELETE");
            Page<Integer> deleted = this.deadLetters.deleteMatching(filter(exchange), cursor(exchange),
                    bulkCount(exchange, MAX_PAGE));
            exchange.respond(200, withCursor("deleted", deleted.items().get(0), deleted.cursor()));
            return;
        }
        switch (exchange.segment(3)) {
            case "restart" -> restart(exchange);
            case "resume" -> throw BrokerException.badRequest("resuming a workflow run at its failed step is not"
                    + " supported by the embedded broker: restart the run instead (POST /v2/workflows/dlq/restart)");
            case "callback" -> retryFailureCallback(exchange);
            default -> entry(exchange);
        }
    }

    private void entry(ApiExchange exchange) throws IOException {
        if (exchange.segments() != 4) {
            throw exchange.notFound();
        }
        String dlqId = exchange.decodedSegment(3);
        if (exchange.method().equals("GET")) {
            exchange.respond(200, this.deadLetters.get(dlqId, exchange.isReadOnly()));
            return;
        }
        exchange.requireMethod("DELETE");
        this.deadLetters.delete(dlqId);
        exchange.respond(200);
    }

    private void retryFailureCallback(ApiExchange exchange) throws IOException {
        if (exchange.segments() != 5) {
            throw exchange.notFound();
        }
        exchange.requireMethod("POST");
        exchange.respond(200, this.deadLetters.retryFailureCallback(exchange.decodedSegment(4)));
    }

    private void restart(ApiExchange exchange) throws IOException {
        exchange.requireMethod("POST");
        if (exchange.segments() == 5) {
            String dlqId = exchange.decodedSegment(4);
            List<Map<String, Object>> runs = this.deadLetters
                .restart(DeadLetterFilter.of(List.of(dlqId)), null, 1, exchange.headers())
                .items();
            if (runs.isEmpty()) {
                throw BrokerException.notFound("workflow dlq message " + dlqId + " not found");
            }
            exchange.respond(200, runs.get(0));
            return;
        }
        if (exchange.segments() != 4) {
            throw exchange.notFound();
        }
        Page<Map<String, Object>> runs = this.deadLetters.restart(filter(exchange), cursor(exchange),
                bulkCount(exchange, MAX_RESTARTS), exchange.headers());
        exchange.respond(200, withCursor("workflowRuns", runs.items(), runs.cursor()));
    }

    private static DeadLetterFilter filter(ApiExchange exchange) {
        List<Integer> statuses = new ArrayList<>();
        for (String status : exchange.parameters("responseStatus")) {
            try {
                statuses.add(Integer.parseInt(status));
            }
            catch (NumberFormatException ex) {
                throw BrokerException.badRequest("invalid responseStatus: " + status);
            }
        }
        return new DeadLetterFilter(exchange.parameters("dlqIds", "dlqId"),
                exchange.parameters("workflowRunId", "workflowRunIds"), exchange.parameters("workflowUrl"),
                exchange.parameters("url"), statuses, exchange.parameters("label"),
                exchange.parameters("failureFunctionState"), exchange.parameters("callerIp", "callerIP"),
                exchange.parameters("flowControlKey"), exchange.longParameter("workflowCreatedAt"),
                exchange.longParameter("fromDate"), exchange.longParameter("toDate"));
    }

    private static @Nullable Long cursor(ApiExchange exchange) {
        String cursor = exchange.parameter("cursor");
        if (cursor == null) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        }
        catch (NumberFormatException ex) {
            throw BrokerException.badRequest("invalid cursor: " + cursor);
        }
    }

    /** The page size: {@code count}, at most {@code max}, {@code max} when not given. */
    private static int count(ApiExchange exchange, int max) {
        Integer count = exchange.integerParameter("count");
        if (count == null) {
            return max;
        }
        if (count < 1) {
            throw BrokerException.badRequest("invalid count: must be at least 1");
        }
        return Math.min(count, max);
    }

    /** The size of a bulk call: all the {@code dlqIds} given, else {@link #count}. */
    private static int bulkCount(ApiExchange exchange, int max) {
        List<String> ids = exchange.parameters("dlqIds", "dlqId");
        return ids.isEmpty() ? count(exchange, max) : ids.size();
    }

    private static Map<String, Object> withCursor(String name, Object value, @Nullable String cursor) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(name, value);
        if (cursor != null) {
            result.put("cursor", cursor);
        }
        return result;
    }

}
