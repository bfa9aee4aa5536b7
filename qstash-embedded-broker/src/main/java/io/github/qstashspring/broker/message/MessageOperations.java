package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.MessageStore.Filter;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Reading and cancelling messages that are not yet delivered. Cancelling a waiting
 * message deletes it ({@code CANCEL_REQUESTED} then {@code CANCELED}); cancelling one
 * whose delivery is running marks it, and it is cancelled when the attempt fails (a
 * running attempt may still deliver it).
 */
final class MessageOperations {

    private static final List<State> UNDELIVERED = List.of(State.QUEUED, State.PENDING, State.ACTIVE);

    private final TransactionOperations transactions;

    private final MessageStore messages;

    private final Dispatcher dispatcher;

    private final Clock clock;

    MessageOperations(TransactionOperations transactions, MessageStore messages, Dispatcher dispatcher, Clock clock) {
        this.transactions = transactions;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * Reads an undelivered message.
     * @param messageId the id
     * @return the message
     * @throws BrokerException (404) when it is unknown, delivered, cancelled or in the
     * DLQ
     */
    StoredMessage get(String messageId) {
        StoredMessage message = this.transactions.execute((
                status) -> this.messages.find(messageId).filter((found) -> found.state() != State.FAILED).orElse(null));
        if (message == null) {
            throw notFound(messageId);
        }
        return message;
    }

    /**
     * Cancels one message.
     * @param messageId the id
     * @throws BrokerException (404) when it is unknown, delivered, cancelled or in the
     * DLQ
     */
    void cancel(String messageId) {
        List<String> handOver = new ArrayList<>();
        this.transactions.executeWithoutResult((status) -> {
            StoredMessage message = this.messages.find(messageId)
                .filter((found) -> found.state() != State.FAILED)
                .orElseThrow(() -> notFound(messageId));
            cancel(message, this.clock.millis(), handOver);
        });
        this.dispatcher.offer(handOver);
    }

    /**
     * Cancels all undelivered messages matching a filter in one call, oldest first
     * (QStash ignores the legacy {@code count} of bulk cancel, and so does the broker).
     * @param filter the filter
     * @return how many were cancelled
     */
    int cancelMatching(Filter filter) {
        List<String> handOver = new ArrayList<>();
        Integer cancelled = this.transactions.execute((status) -> {
            List<StoredMessage> matching = this.messages.list(filter, UNDELIVERED);
            long now = this.clock.millis();
            for (StoredMessage message : matching) {
                cancel(message, now, handOver);
            }
            return matching.size();
        });
        this.dispatcher.offer(handOver);
        return (cancelled != null) ? cancelled : 0;
    }

    private void cancel(StoredMessage message, long now, List<String> handOver) {
        this.messages.cancel(message, now).forEach((next) -> handOver.add(next.id()));
    }

    private static BrokerException notFound(String messageId) {
        return BrokerException.notFound("message " + messageId + " not found");
    }

}
