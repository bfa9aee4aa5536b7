package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.MessageStore.Filter;
import io.github.qstashspring.broker.store.MessageStore.Page;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.Envelope;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The dead letter queue: messages whose retries ran out. Listed oldest first; the cursor
 * is the DLQ sequence number of the last entry returned. A retry creates a new message
 * with the same destination, body and settings (overridden by the options of the retry
 * request) and removes the entry.
 */
final class DeadLetterQueue {

    private final TransactionOperations transactions;

    private final MessageStore messages;

    private final PublishService publishService;

    private final Dispatcher dispatcher;

    private final Clock clock;

    DeadLetterQueue(TransactionOperations transactions, MessageStore messages, PublishService publishService,
            Dispatcher dispatcher, Clock clock) {
        this.transactions = transactions;
        this.messages = messages;
        this.publishService = publishService;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * Reads one page.
     * @param filter the filter
     * @param cursor the previous page's cursor, or {@code null}
     * @param count the page size
     * @return the page
     */
    Page<StoredMessage> list(Filter filter, @Nullable Long cursor, int count) {
        Page<StoredMessage> page = this.transactions
            .execute((status) -> this.messages.deadLetters(filter, cursor, count));
        return (page != null) ? page : new Page<>(List.of(), null);
    }

    /**
     * Reads one entry.
     * @param dlqId the DLQ id
     * @return the entry
     * @throws BrokerException (404) when there is none
     */
    StoredMessage get(String dlqId) {
        StoredMessage entry = this.transactions.execute((status) -> this.messages.deadLetter(dlqId).orElse(null));
        if (entry == null) {
            throw notFound(dlqId);
        }
        return entry;
    }

    /**
     * Deletes one entry.
     * @param dlqId the DLQ id
     * @throws BrokerException (404) when there is none
     */
    void delete(String dlqId) {
        this.transactions.executeWithoutResult((status) -> this.messages
            .delete(this.messages.deadLetter(dlqId).orElseThrow(() -> notFound(dlqId)).id()));
    }

    /**
     * Deletes the entries matching a filter, oldest first, one page at a time.
     * @param filter the filter (no filter: all)
     * @param cursor the cursor of the previous call, or {@code null}
     * @param count the most to delete in this call, or {@code null} for all
     * @return how many were deleted, with the cursor of the next call when more match
     */
    Page<Integer> deleteMatching(Filter filter, @Nullable Long cursor, @Nullable Integer count) {
        Page<Integer> deleted = this.transactions.execute((status) -> {
            Page<StoredMessage> page = this.messages.deadLetters(filter, cursor, count);
            this.messages.deleteAll(page.items().stream().map(StoredMessage::id).toList());
            return new Page<>(List.of(page.items().size()), page.cursor());
        });
        return (deleted != null) ? deleted : new Page<>(List.of(0), null);
    }

    /**
     * Retries one entry.
     * @param dlqId the DLQ id
     * @param overrides options of the retry request
     * @return the new message id
     * @throws BrokerException (404) when there is none
     */
    String retry(String dlqId, PublishOptions overrides) {
        return retryAll(List.of(get(dlqId)), overrides).get(0);
    }

    /**
     * Retries the entries matching a filter, oldest first, one page at a time.
     * @param filter the filter
     * @param cursor the cursor of the previous call, or {@code null}
     * @param count the most to retry in this call, or {@code null} for all
     * @param overrides options of the retry request
     * @return the new message ids, with the cursor of the next call when more match
     */
    Page<String> retryMatching(Filter filter, @Nullable Long cursor, @Nullable Integer count,
            PublishOptions overrides) {
        Page<StoredMessage> page = this.transactions
            .execute((status) -> this.messages.deadLetters(filter, cursor, count));
        if (page == null) {
            return new Page<>(List.of(), null);
        }
        return new Page<>(retryAll(page.items(), overrides), page.cursor());
    }

    private List<String> retryAll(List<StoredMessage> entries, PublishOptions overrides) {
        List<String> due = new ArrayList<>();
        List<String> ids = this.transactions.execute((status) -> {
            long now = this.clock.millis();
            List<String> created = new ArrayList<>();
            for (StoredMessage entry : entries) {
                StoredMessage current = this.messages.find(entry.id())
                    .filter((message) -> message.state() == State.FAILED)
                    .orElseThrow(() -> notFound((entry.deadLetter() != null) ? entry.deadLetter().dlqId() : ""));
                created.add(retryInTransaction(current, overrides, now, due));
            }
            return created;
        });
        this.dispatcher.offer(due);
        return (ids != null) ? ids : List.of();
    }

    /**
     * Retries one entry inside the caller's transaction: removes it from the DLQ and
     * stores its copy; the caller hands the ids collected in {@code due} to the
     * dispatcher after its commit.
     * @param entry the entry, as read in this transaction
     * @param overrides options of the retry request
     * @param now epoch milliseconds
     * @param due receives the new message's id when it is due now
     * @return the new message id
     */
    String retryInTransaction(StoredMessage entry, PublishOptions overrides, long now, List<String> due) {
        this.messages.delete(entry.id());
        StoredMessage copy = this.publishService.store(copyOf(entry, now, overrides), now);
        if (copy.isDueAt(now)) {
            due.add(copy.id());
        }
        return copy.id();
    }

    private static StoredMessage copyOf(StoredMessage source, long now, PublishOptions overrides) {
        Envelope from = source.envelope();
        boolean callback = overrides.callback() != null;
        boolean failureCallback = overrides.failureCallback() != null;
        Envelope envelope = new Envelope(from.url(), from.urlHost(), from.urlPath(), from.topicName(),
                from.endpointName(), from.queueName(), from.scheduleId(),
                (overrides.method() != null) ? overrides.method() : from.method(),
                (overrides.retries() != null) ? overrides.retries() : from.maxRetries(),
                (overrides.retryDelay() != null) ? overrides.retryDelay() : from.retryDelayExpression(),
                (overrides.timeoutMs() != null) ? overrides.timeoutMs() : from.timeoutMs(),
                callback ? overrides.callback() : from.callback(),
                failureCallback ? overrides.failureCallback() : from.failureCallback(), from.callerIp(),
                !overrides.labels().isEmpty() ? overrides.labels() : from.labels(), from.flowControlKey());
        long notBefore = now;
        if (overrides.notBeforeMs() != null) {
            notBefore = Math.max(now, overrides.notBeforeMs());
        }
        else if (overrides.delayMs() != null) {
            notBefore = now + overrides.delayMs();
        }
        return new StoredMessage(StoredMessage.newId(), 0, State.PENDING, notBefore, null, false, envelope, null,
                new LinkedHashMap<>(source.headers()), source.body(), 0,
                callback ? overrides.callbackOptions() : source.callbackOptions(),
                failureCallback ? overrides.failureCallbackOptions() : source.failureCallbackOptions(),
                source.flowParallelism(), source.flowRate(), source.flowPeriod(), source.redact(), notBefore, now,
                null);
    }

    private static BrokerException notFound(String dlqId) {
        return BrokerException.notFound("dlq message " + dlqId + " not found");
    }

}
