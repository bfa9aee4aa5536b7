package io.github.qstashspring.broker.message;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.store.StoredMessage;

/**
 * The dead letter queue as other packages see it: how an entry shows in the API (QStash's
 * {@code DLQMessage}), its retry inside another package's transaction, and the
 * {@link Source} through which another package lists its own view of the queue on
 * {@code GET /v2/dlq?source=<name>} (the workflow DLQ).
 */
public final class DeadLetters {

    private final Redactor redactor;

    private final DeadLetterQueue queue;

    private final PublishService publishService;

    private final Clock clock;

    DeadLetters(Redactor redactor, DeadLetterQueue queue, PublishService publishService, Clock clock) {
        this.redactor = redactor;
        this.queue = queue;
        this.publishService = publishService;
        this.clock = clock;
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
     * Retries a DLQ entry inside the caller's transaction, as
     * {@code POST /v2/dlq/retry/<dlqId>} without options does: the entry leaves the DLQ
     * and a new message with the same destination, headers, body and settings is stored.
     * The caller hands the ids collected in {@code due} to {@link PublishService#handOff}
     * after its commit.
     * @param entry a message in the dead letter queue, read in this transaction
     * @param due receives the new message's id when it is due now
     * @return the new message id
     */
    public String retryInTransaction(StoredMessage entry, List<String> due) {
        return this.queue.retryInTransaction(entry, this.publishService.options(new RequestHeaders()),
                this.clock.millis(), due);
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
