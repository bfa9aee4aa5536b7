package io.github.qstashspring.broker.message;

import java.util.List;
import java.util.Optional;

import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageState;
import io.github.qstashspring.broker.store.QueueEntity;
import io.github.qstashspring.broker.store.QueueRepository;

/**
 * FIFO turns of queues (parallelism 1): a queue's message waits as {@link MessageState#QUEUED}
 * while an older one is pending, being delivered or retried; when that one ends, the oldest
 * waiting one becomes pending. The queue row is locked for the decision, so enqueue and
 * hand-over never race. Call inside a transaction.
 */
public class QueueTurns {

    private static final List<MessageState> HOLDING_TURN = List.of(MessageState.PENDING, MessageState.ACTIVE);

    private final QueueRepository queues;

    private final MessageRepository messages;

    /**
     * Creates the queue turn keeper.
     * @param queues the queue repository
     * @param messages the message repository
     */
    public QueueTurns(QueueRepository queues, MessageRepository messages) {
        this.queues = queues;
        this.messages = messages;
    }

    /**
     * Decides the state of a message entering a queue, creating the queue on first use.
     * @param queueName the queue
     * @param now epoch milliseconds
     * @return {@link MessageState#PENDING} when it is the queue's turn, else {@link MessageState#QUEUED}
     */
    public MessageState enter(String queueName, long now) {
        lock(queueName, now);
        boolean busy = this.messages.countByQueueNameAndStateIn(queueName,
                List.of(MessageState.QUEUED, MessageState.PENDING, MessageState.ACTIVE)) > 0;
        return busy ? MessageState.QUEUED : MessageState.PENDING;
    }

    /**
     * Passes the turn to the queue's oldest waiting message when no message holds it.
     * @param queueName the queue
     * @param now epoch milliseconds
     * @return the message that got the turn (now pending), if any
     */
    public Optional<MessageEntity> passOn(String queueName, long now) {
        lock(queueName, now);
        if (this.messages.countByQueueNameAndStateIn(queueName, HOLDING_TURN) > 0) {
            return Optional.empty();
        }
        Optional<MessageEntity> next = this.messages.findFirstByQueueNameAndStateOrderBySeqAsc(queueName,
                MessageState.QUEUED);
        next.ifPresent((message) -> {
            message.setState(MessageState.PENDING);
            message.setNextDeliveryAt(Math.max(now, message.getNotBefore()));
        });
        return next;
    }

    private void lock(String queueName, long now) {
        if (this.queues.lockByName(queueName).isEmpty()) {
            QueueEntity queue = new QueueEntity();
            queue.setName(queueName);
            queue.setParallelism(1);
            queue.setCreatedAt(now);
            queue.setUpdatedAt(now);
            this.queues.saveAndFlush(queue);
            this.queues.lockByName(queueName);
        }
    }
}
