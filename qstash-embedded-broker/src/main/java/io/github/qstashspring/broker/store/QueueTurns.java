package io.github.qstashspring.broker.store;

import java.util.List;

import io.github.qstashspring.broker.store.StoredMessage.State;
import org.springframework.data.domain.PageRequest;

/**
 * FIFO turns of queues. A queue's message waits as {@link State#QUEUED} while the queue
 * is paused, older messages wait, or {@code parallelism} messages hold a turn. A message
 * holds a turn while it is pending, being delivered or waiting for a retry, and its
 * callback and failure callback hold it until they are delivered or failed; when a turn
 * is freed, the oldest waiting messages become pending. The queue row is locked for each
 * decision ({@code SELECT ... FOR UPDATE}), so enqueues and hand-overs never race, also
 * across brokers sharing a PostgreSQL database. Call inside a transaction.
 */
final class QueueTurns {

    private static final List<State> HOLDING_TURN = List.of(State.PENDING, State.ACTIVE);

    private final QueueRepository queues;

    private final MessageRepository messages;

    QueueTurns(QueueRepository queues, MessageRepository messages) {
        this.queues = queues;
        this.messages = messages;
    }

    State enter(String queueName, long now) {
        QueueEntity queue = lock(queueName, now);
        if (queue.isPaused() || this.messages.countOfQueue(queueName, State.QUEUED) > 0) {
            return State.QUEUED;
        }
        return (holding(queueName) < queue.getParallelism()) ? State.PENDING : State.QUEUED;
    }

    List<MessageEntity> passOn(String queueName, long now) {
        // Messages deleted or changed by this transaction must be counted as they are
        // now.
        this.messages.flush();
        QueueEntity queue = lock(queueName, now);
        if (queue.isPaused()) {
            return List.of();
        }
        long free = queue.getParallelism() - holding(queueName);
        if (free <= 0) {
            return List.of();
        }
        List<MessageEntity> next = this.messages.oldestOfQueue(queueName, State.QUEUED,
                PageRequest.of(0, (int) Math.min(free, 1000)));
        for (MessageEntity message : next) {
            message.promote(Math.max(now, message.getNotBefore()));
        }
        return next;
    }

    long lag(String queueName) {
        return this.messages.countOfQueueIn(queueName, List.of(State.QUEUED, State.PENDING, State.ACTIVE));
    }

    private long holding(String queueName) {
        // One count per state: with a list of states H2 would walk every message of the
        // queue.
        long holding = 0;
        for (State state : HOLDING_TURN) {
            holding += this.messages.countOfQueue(queueName, state)
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
    QueueEntity lock(String queueName, long now) {
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
