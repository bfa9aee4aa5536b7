package io.github.qstashspring.broker.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.store.WorkflowStore;
import tools.jackson.databind.JsonNode;

/**
 * The REST trigger of Upstash Workflow: {@code POST /v2/trigger/<workflowUrl>} (one run)
 * and {@code POST /v2/batch/trigger} (a JSON array of {@code {destination, body,
 * headers}}). Each trigger is a publish that starts a run whose first delivery asks the
 * SDK serving the URL for its own trigger ({@code Upstash-Workflow-Unknown-Sdk: true});
 * without a failure callback the run's is the workflow URL itself (the SDK's failure
 * function). A given {@code Upstash-Workflow-RunId} is used as it is; otherwise the id is
 * {@code wfr_} and 21 random letters and digits.
 */
final class TriggerResource implements ApiResource {

    private final PublishService publishService;

    private final WorkflowStore runs;

    private final int maxBatchMessages;

    TriggerResource(PublishService publishService, WorkflowStore runs, int maxBatchMessages) {
        this.publishService = publishService;
        this.runs = runs;
        this.maxBatchMessages = maxBatchMessages;
    }

    @Override
    public List<String> names() {
        return List.of("trigger");
    }

    @Override
    public boolean publishes() {
        return true;
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        exchange.requireMethod("POST");
        String url = exchange.destination(2);
        exchange.admitMessages(1);
        exchange.respond(200, trigger(url, exchange.configuration(), exchange.body(), exchange.callerIp()));
    }

    /**
     * {@code POST /v2/batch/trigger}.
     * @param exchange the request
     * @throws IOException when the connection fails
     */
    void batch(ApiExchange exchange) throws IOException {
        JsonNode root = exchange.json(exchange.batchBody());
        if (root == null || !root.isArray()) {
            throw BrokerException.badRequest("batch trigger body must be a JSON array of triggers");
        }
        if (root.size() > this.maxBatchMessages) {
            throw BrokerException.badRequest("batch of " + root.size() + " triggers is larger than the maximum of "
                    + this.maxBatchMessages + " (qstash.embedded.limits.max-batch-messages)");
        }
        exchange.admitMessages(root.size());
        List<Object> results = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root) {
            JsonNode destination = entry.get("destination");
            if (destination == null || !destination.isString()) {
                throw BrokerException.badRequest("batch trigger " + index + ": destination is required");
            }
            JsonNode body = entry.get("body");
            byte[] bytes = (body != null && !body.isNull()) ? body.asString().getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            results.add(trigger(destination.asString(), RequestHeaders.fromJson(entry.get("headers")), bytes,
                    exchange.callerIp()));
            index++;
        }
        exchange.respond(201, results);
    }

    private Map<String, Object> trigger(String url, RequestHeaders given, byte[] body, String callerIp) {
        Destinations.check(url);
        if (!Destinations.isUrl(url)) {
            throw BrokerException.badRequest("invalid workflow URL: " + url + " (add http:// or https://)");
        }
        String runId = given.first("upstash-workflow-runid");
        if (runId == null) {
            runId = this.runs.newRunId();
        }
        RequestHeaders headers = new RequestHeaders();
        for (String name : given.names()) {
            if (!name.startsWith("upstash-workflow-")) {
                given.all(name).forEach((value) -> headers.add(name, value));
            }
        }
        headers.add("upstash-workflow-runid", runId);
        headers.add("upstash-workflow-init", "true");
        headers.add("upstash-workflow-url", url);
        headers.add("upstash-forward-upstash-workflow-unknown-sdk", "true");
        if (given.first("upstash-failure-callback") == null) {
            headers.add("upstash-failure-callback", url);
            headers.add("upstash-failure-callback-forward-upstash-workflow-is-failure", "true");
            headers.add("upstash-failure-callback-forward-upstash-workflow-failure-callback", "true");
        }
        boolean created = this.publishService.publish(url, headers, body, callerIp);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workflowRunId", runId);
        result.put("workflowCreatedAt", this.runs.findRun(runId).map(WorkflowStore.Run::createdAt).orElse(0L));
        result.put("deduplicated", !created);
        return result;
    }

}
