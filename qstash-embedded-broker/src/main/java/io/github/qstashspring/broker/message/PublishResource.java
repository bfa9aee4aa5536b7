package io.github.qstashspring.broker.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.api.RequestHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static io.github.qstashspring.broker.api.ApiJson.text;

/**
 * {@code POST /v2/publish/<destination>}, {@code POST /v2/enqueue/<queue>/<destination>}
 * and {@code POST /v2/batch}: the destination stays in the path verbatim, with the
 * request's own query string minus QStash's parameters; configuration may also come as
 * {@code upstash-*} query parameters, which headers override.
 */
final class PublishResource implements ApiResource {

    private final PublishService publishService;

    private final int maxBatchMessages;

    private final TriggerResource triggers;

    PublishResource(PublishService publishService, int maxBatchMessages, TriggerResource triggers) {
        this.publishService = publishService;
        this.maxBatchMessages = maxBatchMessages;
        this.triggers = triggers;
    }

    @Override
    public List<String> names() {
        return List.of("publish", "enqueue", "batch");
    }

    @Override
    public boolean publishes() {
        return true;
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        exchange.requireMethod("POST");
        switch (exchange.segment(1)) {
            case "publish" -> publish(exchange, null, 2);
            case "enqueue" -> {
                if (exchange.segments() < 4) {
                    throw BrokerException.badRequest("enqueue needs /v2/enqueue/{queueName}/{destination}");
                }
                String queue = exchange.decodedSegment(2);
                if (!ApiResource.isValidName(queue)) {
                    throw BrokerException
                        .badRequest("invalid queue name: " + queue + " (letters, digits, '-', '_' and '.' only)");
                }
                publish(exchange, queue, 3);
            }
            default -> {
                if (exchange.segments() == 3 && exchange.segment(2).equalsIgnoreCase("trigger")) {
                    this.triggers.batch(exchange);
                }
                else {
                    batch(exchange);
                }
            }
        }
    }

    private void publish(ApiExchange exchange, @Nullable String queue, int destinationSegment) throws IOException {
        String destination = exchange.destination(destinationSegment);
        Destinations.check(destination);
        RequestHeaders headers = exchange.configuration();
        byte[] body = exchange.body();
        PublishOptions options = this.publishService.options(headers);
        this.publishService.checkReachable(destination, options);
        exchange.admitMessages(1);
        PublishResult result = this.publishService
            .publish(List.of(new PublishCommand(destination, queue, body, options, exchange.callerIp())))
            .get(0);
        boolean deduplicated = (result.endpoints() != null)
                ? !result.endpoints().isEmpty() && result.endpoints().stream().allMatch(PublishResult::deduplicated)
                : result.deduplicated();
        exchange.respond(deduplicated ? 202 : 200, JsonViews.publishResult(result));
    }

    private void batch(ApiExchange exchange) throws IOException {
        JsonNode root = exchange.json(exchange.batchBody());
        if (root == null || !root.isArray()) {
            throw BrokerException.badRequest("batch body must be a JSON array of messages");
        }
        if (root.size() > this.maxBatchMessages) {
            throw BrokerException.badRequest("batch of " + root.size() + " messages is larger than the maximum of "
                    + this.maxBatchMessages + " (qstash.embedded.limits.max-batch-messages)");
        }
        List<PublishCommand> commands = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root) {
            commands.add(batchEntry(exchange, entry, index++));
        }
        exchange.admitMessages(commands.size());
        List<Object> results = new ArrayList<>();
        for (PublishResult result : this.publishService.publish(commands)) {
            results.add(JsonViews.publishResult(result));
        }
        exchange.respond(200, results);
    }

    private PublishCommand batchEntry(ApiExchange exchange, JsonNode entry, int index) {
        String destination = text(entry.get("destination"));
        if (destination == null) {
            throw BrokerException.badRequest("batch message " + index + ": destination is required");
        }
        Destinations.check(destination);
        String queue = text(entry.get("queue"));
        if (queue != null && !ApiResource.isValidName(queue)) {
            throw BrokerException.badRequest("batch message " + index + ": invalid queue name " + queue);
        }
        RequestHeaders headers = RequestHeaders.fromJson(entry.get("headers"));
        String bodyText = text(entry.get("body"));
        byte[] body = (bodyText != null) ? bodyText.getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (body.length > exchange.maxBodySize()) {
            throw new BrokerException(413,
                    "batch message " + index + ": body exceeds the maximum of " + exchange.maxBodySize() + " bytes");
        }
        PublishOptions options = this.publishService.options(headers);
        this.publishService.checkReachable(destination, options);
        return new PublishCommand(destination, queue, body, options, exchange.callerIp());
    }

}
