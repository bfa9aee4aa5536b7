package io.github.qstashspring.broker.message;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;

/**
 * {@code GET} and {@code DELETE /v2/messages/<id>} (read, cancel) and
 * {@code DELETE /v2/messages} (bulk cancel by filter or ids).
 */
final class MessagesResource implements ApiResource {

    private final MessageOperations messages;

    private final Redactor redactor;

    MessagesResource(MessageOperations messages, Redactor redactor) {
        this.messages = messages;
        this.redactor = redactor;
    }

    @Override
    public List<String> names() {
        return List.of("messages");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        if (exchange.segments() == 3) {
            String id = exchange.decodedSegment(2);
            if (exchange.method().equals("GET")) {
                exchange.respond(200,
                        JsonViews.message(this.messages.get(id), this.redactor.forReader(exchange.isReadOnly())));
                return;
            }
            exchange.requireMethod("DELETE");
            this.messages.cancel(id);
            exchange.respond(200, Map.of("cancelled", 1));
            return;
        }
        if (exchange.segments() != 2) {
            throw exchange.notFound();
        }
        exchange.requireMethod("DELETE");
        exchange.respond(200,
                Map.of("cancelled", this.messages.cancelMatching(Filters.from(exchange, exchange.jsonObjectBody()))));
    }

}
