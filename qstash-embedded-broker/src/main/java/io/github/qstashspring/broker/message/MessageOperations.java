package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageState;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading and cancelling messages that are not yet delivered. Cancelling a waiting
 * message deletes it ({@code CANCEL_REQUESTED} then {@code CANCELED}); cancelling one
 * whose delivery is running marks it, and it is cancelled when the attempt fails (a
 * running attempt may still deliver it).
 */
public class MessageOperations {

    private static final MessageState[] UNDELIVERED = { MessageState.QUEUED, MessageState.PENDING,
            MessageState.ACTIVE };

    private final TransactionTemplate transactions;

    private final MessageRepository messages;

    private final QueueTurns queueTurns;

    private final LogRecorder logRecorder;

    private final MessageHandOff handOff;

    private final Clock clock;

    /**
     * Creates the operations.
     * @param transactions the broker's transactions
     * @param messages the message repository
     * @param queueTurns FIFO queue turns
     * @param logRecorder log entries
     * @param handOff the dispatcher
     * @param clock the broker's clock
     */
    public MessageOperations(TransactionTemplate transactions, MessageRepository messages, QueueTurns queueTurns,
            LogRecorder logRecorder, MessageHandOff handOff, Clock clock) {
        this.transactions = transactions;
        this.messages = messages;
        this.queueTurns = queueTurns;
        this.logRecorder = logRecorder;
        this.handOff = handOff;
        this.clock = clock;
    }

    /**
     * Reads an undelivered message.
     * @param messageId the id
     * @return the message
     * @throws BrokerException (404) when it is unknown, delivered, cancelled or in the
     * DLQ
     */
    public MessageEntity get(String messageId) {
        return this.messages.findById(messageId)
            .filter((message) -> message.getState() != MessageState.FAILED)
            .orElseThrow(() -> BrokerException.notFound("message " + messageId + " not found"));
    }

    /**
     * Cancels one message.
     * @param messageId the id
     * @throws BrokerException (404) when it is unknown, delivered, cancelled or in the
     * DLQ
     */
    public void cancel(String messageId) {
        List<String> handOver = new ArrayList<>();
        this.transactions.executeWithoutResult((status) -> {
            MessageEntity message = get(messageId);
            cancel(message, this.clock.millis(), handOver);
        });
        this.handOff.offer(handOver);
    }

    /**
     * Cancels all undelivered messages matching a filter in one call, oldest first
     * (QStash ignores the legacy {@code count} of bulk cancel, and so does the broker).
     * @param filter the filter
     * @return how many were cancelled
     */
    public int cancelMatching(MessageFilter filter) {
        List<String> handOver = new ArrayList<>();
        Integer cancelled = this.transactions.execute((status) -> {
            List<MessageEntity> matching = this.messages.findBy(FilterSpecifications.messages(filter, UNDELIVERED),
                    (query) -> query.sortBy(Sort.by("seq")).all());
            long now = this.clock.millis();
            for (MessageEntity message : matching) {
                cancel(message, now, handOver);
            }
            return matching.size();
        });
        this.handOff.offer(handOver);
        return (cancelled != null) ? cancelled : 0;
    }

    private void cancel(MessageEntity message, long now, List<String> handOver) {
        if (message.isCancelRequested()) {
            return;
        }
        this.logRecorder.record(message, "CANCEL_REQUESTED", now);
        if (message.getState() == MessageState.ACTIVE) {
            message.setCancelRequested(true);
            return;
        }
        this.logRecorder.record(message, "CANCELED", now);
        this.messages.delete(message);
        String queue = message.turnQueueName();
        if (queue != null) {
            this.messages.flush();
            this.queueTurns.passOn(queue, now).forEach((next) -> handOver.add(next.getId()));
        }
    }

}
