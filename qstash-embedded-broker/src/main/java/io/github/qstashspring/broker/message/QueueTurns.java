package io.github.qstashspring.broker.message;

import java.util.List;

import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageState;
import io.github.qstashspring.broker.store.QueueEntity;
import io.github.qstashspring.broker.store.QueueRepository;
import org.springframework.data.domain.PageRequest;

/**
 * FIFO turns of queues. A queue's message waits as {@link MessageState#QUEUED} while the
 * queue is paused, older messages wait, or {@code parallelism} messages hold a turn. A
 * message holds a turn while it is pending, being delivered or waiting for a retry, and
 * its callback and failure callback hold it until they are delivered or failed; when a
 * turn is freed, the oldest waiting messages become pending. The queue row is locked for
 * each decision ({@code SELECT ... FOR UPDATE}), so enqueues and hand-overs never race,
 * also across brokers sharing a PostgreSQL database. Call inside a transaction.
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
     * Decides the state of a message entering a queue, creating the queue on first use
     * (parallelism 1).
     * @param queueName the queue
     * @param now epoch milliseconds
     * @return {@link MessageState#PENDING} when it gets a turn now, else
     * {@link MessageState#QUEUED}
     */
    public MessageState enter(String queueName, long now) {
        QueueEntity queue = lock(queueName, now);
        if (queue.isPaused() || this.messages.countByQueueNameAndState(queueName, MessageState.QUEUED) > 0) {
            return MessageState.QUEUED;
        }
        return (holding(queueName) < queue.getParallelism()) ? MessageState.PENDING : MessageState.QUEUED;
    }

    /**
     * Gives the turns that are free to the queue's oldest waiting messages.
     * @param queueName the queue
     * @param now epoch milliseconds
     * @return the messages that got a turn (now pending)
     */
    public List<MessageEntity> passOn(String queueName, long now) {
        QueueEntity queue = lock(queueName, now);
        if (queue.isPaused()) {
            return List.of();
        }
        long free = queue.getParallelism() - holding(queueName);
        if (free <= 0) {
            return List.of();
        }
        List<MessageEntity> next = this.messages.findByQueueNameAndStateOrderBySeqAsc(queueName, MessageState.QUEUED,
                PageRequest.of(0, (int) Math.min(free, 1000)));
        for (MessageEntity message : next) {
            message.setState(MessageState.PENDING);
            message.setNextDeliveryAt(Math.max(now, message.getNotBefore()));
        }
        return next;
    }

    /**
     * Messages not yet processed: waiting, pending, being delivered or waiting for a
     * retry.
     * @param queueName the queue
     * @return the lag
     */
    public long lag(String queueName) {
        return this.messages.countByQueueNameAndStateIn(queueName,
                List.of(MessageState.QUEUED, MessageState.PENDING, MessageState.ACTIVE));
    }

    private long holding(String queueName) {
        // One count per state: with a list of states H2 would walk every message of the
        // queue.
        long holding = 0;
        for (MessageState state : HOLDING_TURN) {
            holding += this.messages.countByQueueNameAndState(queueName, state)
                    + this.messages.countByTurnQueueAndState(queueName, state);
        }
        return holding;
    }

    /**
     * Locks a queue's row, creating the queue (parallelism 1) when it does not exist.
     * @param queueName the queue
     * @param now epoch milliseconds
     * @return the locked queue
     */
    public QueueEntity lock(String queueName, long now) {
        return this.queues.lockByName(queueName).orElseGet(() -> {
            QueueEntity queue = new QueueEntity();
            queue.setName(queueName);
            queue.setParallelism(1);
            queue.setCreatedAt(now);
            queue.setUpdatedAt(now);
            this.queues.saveAndFlush(queue);
            return this.queues.lockByName(queueName).orElseThrow();
        });
    }

}
