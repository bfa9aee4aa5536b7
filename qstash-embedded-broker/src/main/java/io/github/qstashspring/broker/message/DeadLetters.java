package io.github.qstashspring.broker.message;

import java.io.IOException;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.store.StoredMessage;

/**
 * The dead letter queue as other packages see it: how an entry shows in the API (QStash's
 * {@code DLQMessage}), and the {@link Source} through which another package lists its own
 * view of the queue on {@code GET /v2/dlq?source=<name>} (the workflow DLQ).
 */
public final class DeadLetters {

    private final Redactor redactor;

    DeadLetters(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * Shows a DLQ entry as {@code GET /v2/dlq/<dlqId>} does: the message's fields
     * (redacted as the reader may see them), its {@code dlqId} and its last response.
     * @param entry a message in the dead letter queue
     * @param readOnly whether the request was made with the read-only token
     * @return the JSON object, to which fields may be added
     */
    public Map<String, Object> view(StoredMessage entry, boolean readOnly) {
        return JsonViews.dlqMessage(entry, this.redactor.forReader(readOnly));
    }

    /**
     * Another view of the dead letter queue, listed by {@code GET /v2/dlq} when the
     * request's {@code source} parameter names it.
     */
    public interface Source {

        /**
         * @return the value of {@code source} that selects this view, e.g.
         * {@code workflow}
         */
        String name();

        /**
         * Answers {@code GET /v2/dlq?source=<name>}: a page of {@code {"messages":[...],
         * "cursor"}}.
         * @param exchange the request
         * @throws IOException when the connection fails
         */
        void list(ApiExchange exchange) throws IOException;

    }

}
