package io.github.qstashspring.broker.message;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.MessageStore.LogEntry;
import io.github.qstashspring.broker.store.MessageStore.Page;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@code GET /v2/logs} (and its older name {@code /v2/events}): log entries, newest
 * first, paged by cursor (the id of the last entry returned), filtered like the DLQ and
 * by state.
 */
final class LogsResource implements ApiResource {

    private final TransactionOperations transactions;

    private final MessageStore messages;

    private final Redactor redactor;

    LogsResource(TransactionOperations transactions, MessageStore messages, Redactor redactor) {
        this.transactions = transactions;
        this.messages = messages;
        this.redactor = redactor;
    }

    @Override
    public List<String> names() {
        return List.of("logs", "events");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        exchange.requireMethod("GET");
        int count = Filters.pageSize(exchange, 1000);
        MessageStore.Filter filter = Filters.from(exchange, null);
        Long cursor = Filters.cursor(exchange.parameter("cursor"));
        Page<LogEntry> page = this.transactions.execute((status) -> this.messages.logs(filter, cursor, count));
        Redactor shown = this.redactor.forReader(exchange.isReadOnly());
        List<Map<String, Object>> entries = (page != null)
                ? page.items().stream().map((entry) -> JsonViews.log(entry, shown)).toList() : List.of();
        Map<String, Object> result = new LinkedHashMap<>();
        if (page != null && page.cursor() != null) {
            result.put("cursor", page.cursor());
        }
        result.put("events", entries);
        result.put("logs", entries);
        exchange.respond(200, result);
    }

}
