package io.github.qstashspring.broker.workflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.store.WorkflowStore;
import io.github.qstashspring.broker.store.WorkflowStore.RunFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v2/workflows}: a run's history for the SDK's lazy fetch
 * ({@code GET /v2/workflows/runs/<id>}, 404 once the run ended), the end of a run
 * ({@code DELETE /v2/workflows/runs/<id>?cancel=false} with the result, or
 * {@code cancel=true}), bulk cancel ({@code DELETE /v2/workflows/runs} with query filters
 * or a JSON body), and the webhooks of {@code context.createWebhook}
 * ({@code /v2/workflows/hooks/<userId>/<runId>/<eventId>}, any method, no token).
 */
final class WorkflowsResource implements ApiResource {

    private final RunOperations runs;

    private final Waits waits;

    private final WorkflowLogs logs;

    private final JsonMapper json;

    private final WorkflowDeadLetterResource deadLetters;

    WorkflowsResource(RunOperations runs, Waits waits, WorkflowLogs logs, JsonMapper json,
            WorkflowDeadLetterResource deadLetters) {
        this.runs = runs;
        this.waits = waits;
        this.logs = logs;
        this.json = json;
        this.deadLetters = deadLetters;
    }

    @Override
    public List<String> names() {
        return List.of("workflows");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        if (exchange.segments() < 3) {
            throw exchange.notFound();
        }
        switch (exchange.segment(2).toLowerCase(Locale.ROOT)) {
            case "runs" -> runs(exchange);
            case "hooks" -> webhook(exchange);
            case "dlq" -> this.deadLetters.handle(exchange);
            case "logs", "events" -> {
                exchange.requireMethod("GET");
                Integer count = exchange.integerParameter("count");
                exchange.respond(200, this.logs.page(logFilter(exchange), exchange.parameter("cursor"),
                        (count != null) ? count : WorkflowLogs.MAX_RUNS));
            }
            default -> throw exchange.notFound();
        }
    }

    private void runs(ApiExchange exchange) throws IOException {
        if (exchange.segments() == 4) {
            String runId = exchange.decodedSegment(3);
            if (exchange.method().equals("GET")) {
                exchange.respond(200, this.json.readTree(this.runs.history(runId)));
                return;
            }
            exchange.requireMethod("DELETE");
            boolean cancel = !"false".equalsIgnoreCase(exchange.parameter("cancel"));
            byte[] body = exchange.body();
            this.runs.end(runId, cancel, (body.length > 0) ? body : null);
            exchange.respond(200, Map.of());
            return;
        }
        if (exchange.segments() != 3) {
            throw exchange.notFound();
        }
        exchange.requireMethod("DELETE");
        exchange.respond(200, Map.of("cancelled", this.runs.cancelMatching(filter(exchange), limit(exchange))));
    }

    /**
     * The runs a bulk cancel names: {@code workflowRunIds}, or filters; in the query (SDK
     * 1.3) or as a JSON body (SDK 1.2 and older). No filter at all means every run.
     */
    private RunFilter filter(ApiExchange exchange) throws IOException {
        JsonNode body = exchange.jsonObjectBody();
        List<String> ids = new ArrayList<>(exchange.parameters("workflowRunIds", "workflowRunId"));
        String url = exchange.parameter("workflowUrl");
        boolean exact = "true".equalsIgnoreCase(exchange.parameter("workflowUrlExactMatch"));
        if (body != null) {
            JsonNode given = body.get("workflowRunIds");
            if (given != null && given.isArray()) {
                given.forEach((id) -> ids.add(id.asString()));
            }
            if (url == null && body.hasNonNull("workflowUrl")) {
                url = body.get("workflowUrl").asString();
            }
        }
        if (!ids.isEmpty()) {
            return new RunFilter(ids, null, false, List.of(), null, null, null, null, null, null);
        }
        return new RunFilter(List.of(), url, !exact, List.of(), exchange.parameter("label"),
                exchange.longParameter("fromDate"), exchange.longParameter("toDate"),
                exchange.longParameter("workflowCreatedAt"), exchange.parameter("callerIp"),
                exchange.parameter("flowControlKey"));
    }

    /** The filters of the logs: {@code workflowUrl} matches exactly there. */
    private static RunFilter logFilter(ApiExchange exchange) {
        List<String> states = new ArrayList<>(exchange.parameters("state"));
        return new RunFilter(exchange.parameters("workflowRunId"), exchange.parameter("workflowUrl"), false, states,
                exchange.parameter("label"), exchange.longParameter("fromDate"), exchange.longParameter("toDate"),
                exchange.longParameter("workflowCreatedAt"), exchange.parameter("callerIp"),
                exchange.parameter("flowControlKey"));
    }

    private static int limit(ApiExchange exchange) {
        Integer count = exchange.integerParameter("count");
        return (count != null && count > 0) ? count : Integer.MAX_VALUE;
    }

    /**
     * A call of a webhook: the request (method, headers, body, host, target) becomes the
     * event of the run's {@code waitForWebhook}.
     */
    private void webhook(ApiExchange exchange) throws IOException {
        if (exchange.segments() != 6) {
            throw exchange.notFound();
        }
        String runId = exchange.decodedSegment(4);
        String eventId = exchange.decodedSegment(5);
        RequestHeaders headers = exchange.headers();
        Map<String, List<String>> captured = new LinkedHashMap<>();
        for (String name : headers.names()) {
            if (!name.equals("authorization") && !name.equals("cookie")) {
                captured.put(RequestHeaders.canonical(name), headers.all(name));
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", exchange.method());
        request.put("header", captured);
        request.put("body", Base64.getEncoder().encodeToString(exchange.body()));
        request.put("proto", exchange.scheme());
        String host = headers.first("host");
        request.put("host", (host != null) ? host : "");
        request.put("url", exchange.target());
        this.waits.notify(eventId, runId, this.json.writeValueAsBytes(request));
        exchange.respond(200, Map.of());
    }

}
