package io.github.qstashspring.broker.message;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.store.MessageStore.Filter;
import io.github.qstashspring.broker.store.MessageStore.Page;
import io.github.qstashspring.broker.store.StoredMessage;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v2/dlq}: list (paged by cursor), read, delete and retry one entry, and delete
 * or retry many by filter or ids, a page at a time. A listing with a {@code source}
 * parameter is another view of the queue ({@code source=workflow}: the workflow DLQ),
 * answered by the {@link DeadLetters.Source} of that name; without it the listing shows
 * every entry, those of workflow runs included.
 */
final class DeadLetterResource implements ApiResource {

    private static final int MAX_BULK = 100;

    private final DeadLetterQueue deadLetterQueue;

    private final PublishService publishService;

    private final Redactor redactor;

    private final Map<String, DeadLetters.Source> sources;

    DeadLetterResource(DeadLetterQueue deadLetterQueue, PublishService publishService, Redactor redactor,
            List<DeadLetters.Source> sources) {
        this.deadLetterQueue = deadLetterQueue;
        this.publishService = publishService;
        this.redactor = redactor;
        this.sources = new LinkedHashMap<>();
        sources.forEach((source) -> this.sources.put(source.name(), source));
    }

    @Override
    public List<String> names() {
        return List.of("dlq");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        if (exchange.segments() >= 3 && exchange.segment(2).equals("retry") && exchange.method().equals("POST")) {
            retry(exchange);
            return;
        }
        if (exchange.segments() == 3) {
            String dlqId = exchange.decodedSegment(2);
            if (exchange.method().equals("GET")) {
                exchange.respond(200, JsonViews.dlqMessage(this.deadLetterQueue.get(dlqId),
                        this.redactor.forReader(exchange.isReadOnly())));
                return;
            }
            exchange.requireMethod("DELETE");
            this.deadLetterQueue.delete(dlqId);
            exchange.respond(200);
            return;
        }
        if (exchange.segments() != 2) {
            throw exchange.notFound();
        }
        String source = exchange.parameter("source");
        if (source != null) {
            DeadLetters.Source view = this.sources.get(source.toLowerCase(Locale.ROOT));
            if (view == null) {
                throw BrokerException.badRequest("invalid source: " + source + " (expected one of "
                        + String.join(", ", this.sources.keySet()) + ")");
            }
            exchange.requireMethod("GET");
            view.list(exchange);
            return;
        }
        if (exchange.method().equals("GET")) {
            int count = Filters.pageSize(exchange, 100);
            Filter filter = Filters.from(exchange, null);
            Page<StoredMessage> page = this.deadLetterQueue.list(filter, Filters.cursor(exchange.parameter("cursor")),
                    count);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("messages",
                    page.items()
                        .stream()
                        .map((message) -> JsonViews.dlqMessage(message, this.redactor.forReader(exchange.isReadOnly())))
                        .toList());
            if (page.cursor() != null) {
                result.put("cursor", page.cursor());
            }
            exchange.respond(200, result);
            return;
        }
        exchange.requireMethod("DELETE");
        JsonNode body = exchange.jsonObjectBody();
        Filter filter = Filters.from(exchange, body);
        Integer count = Filters.count(exchange, body, MAX_BULK);
        Page<Integer> deleted = this.deadLetterQueue.deleteMatching(filter,
                Filters.cursor(exchange.parameter("cursor")), count);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deleted", deleted.items().get(0));
        if (deleted.cursor() != null) {
            result.put("cursor", deleted.cursor());
        }
        exchange.respond(200, result);
    }

    private void retry(ApiExchange exchange) throws IOException {
        PublishOptions overrides = this.publishService.options(exchange.headers());
        if (exchange.segments() == 4) {
            exchange.respond(201,
                    Map.of("messageId", this.deadLetterQueue.retry(exchange.decodedSegment(3), overrides)));
            return;
        }
        JsonNode body = exchange.jsonObjectBody();
        Filter filter = Filters.from(exchange, body);
        Integer count = Filters.count(exchange, body, MAX_BULK);
        Page<String> retried = this.deadLetterQueue.retryMatching(filter, Filters.cursor(exchange.parameter("cursor")),
                count, overrides);
        List<Map<String, Object>> responses = new ArrayList<>();
        retried.items().forEach((id) -> responses.add(Map.of("messageId", id)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cursor", (retried.cursor() != null) ? retried.cursor() : "");
        result.put("responses", responses);
        exchange.respond(201, result);
    }

}
