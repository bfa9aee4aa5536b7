package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageState;
import io.github.qstashspring.broker.store.QueueEntity;
import io.github.qstashspring.broker.store.QueueRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queue management: upsert with parallelism, read with lag, pause, resume and delete.
 * Raising the parallelism or resuming hands free turns to waiting messages at once.
 */
public class Queues {

    private final TransactionTemplate transactions;

    private final QueueRepository queues;

    private final MessageRepository messages;

    private final QueueTurns turns;

    private final LogRecorder logRecorder;

    private final MessageHandOff handOff;

    private final Clock clock;

    /**
     * Creates the service.
     * @param transactions the broker's transactions
     * @param queues the queues
     * @param messages the messages
     * @param turns the queue turns
     * @param logRecorder log entries
     * @param handOff the dispatcher
     * @param clock the broker's clock
     */
    public Queues(TransactionTemplate transactions, QueueRepository queues, MessageRepository messages,
            QueueTurns turns, LogRecorder logRecorder, MessageHandOff handOff, Clock clock) {
        this.transactions = transactions;
        this.queues = queues;
        this.messages = messages;
        this.turns = turns;
        this.logRecorder = logRecorder;
        this.handOff = handOff;
        this.clock = clock;
    }

    /**
     * Creates or updates a queue.
     * @param name the queue name
     * @param parallelism the most messages delivered at once (at least 1)
     * @param paused whether delivery is paused, or {@code null} to keep the current state
     * @throws BrokerException (400) on an invalid name or parallelism
     */
    public void upsert(String name, int parallelism, @Nullable Boolean paused) {
        checkName(name);
        if (parallelism < 1) {
            throw BrokerException.badRequest("invalid parallelism: " + parallelism + " (must be at least 1)");
        }
        update(name, (queue) -> {
            queue.setParallelism(parallelism);
            if (paused != null) {
                queue.setPaused(paused);
            }
        });
    }

    /**
     * Pauses or resumes a queue (idempotent). A paused queue accepts messages and starts
     * none.
     * @param name the queue name
     * @param paused whether to pause
     * @throws BrokerException (404) when it does not exist
     */
    public void setPaused(String name, boolean paused) {
        requireExists(name);
        update(name, (queue) -> queue.setPaused(paused));
    }

    /**
     * Reads a queue.
     * @param name the queue name
     * @return the queue and its lag
     * @throws BrokerException (404) when it does not exist
     */
    public QueueView get(String name) {
        checkName(name);
        QueueView view = this.transactions.execute((status) -> this.queues.findById(name)
            .map((queue) -> new QueueView(queue, this.turns.lag(name)))
            .orElse(null));
        if (view == null) {
            throw notFound(name);
        }
        return view;
    }

    /**
     * @return every queue with its lag, by name
     */
    public List<QueueView> list() {
        return Objects.requireNonNull(this.transactions.execute((status) -> this.queues.findAll()
            .stream()
            .sorted((a, b) -> a.getName().compareTo(b.getName()))
            .map((queue) -> new QueueView(queue, this.turns.lag(queue.getName())))
            .toList()));
    }

    /**
     * Deletes a queue: its waiting messages are cancelled; messages already being
     * delivered or retried finish.
     * @param name the queue name
     * @throws BrokerException (404) when it does not exist
     */
    public void delete(String name) {
        requireExists(name);
        this.transactions.executeWithoutResult((status) -> {
            long now = this.clock.millis();
            QueueEntity queue = this.turns.lock(name, now);
            List<MessageEntity> waiting;
            do {
                waiting = this.messages.findByQueueNameAndStateOrderBySeqAsc(name, MessageState.QUEUED,
                        PageRequest.of(0, 500));
                for (MessageEntity message : waiting) {
                    this.logRecorder.record(message, "CANCELED", now);
                    this.messages.delete(message);
                }
                this.messages.flush();
            }
            while (!waiting.isEmpty());
            this.queues.delete(queue);
        });
    }

    private void update(String name, Consumer<QueueEntity> change) {
        List<String> due = new ArrayList<>();
        this.transactions.executeWithoutResult((status) -> {
            long now = this.clock.millis();
            QueueEntity queue = this.turns.lock(name, now);
            change.accept(queue);
            queue.setUpdatedAt(now);
            this.queues.saveAndFlush(queue);
            this.turns.passOn(name, now)
                .stream()
                .filter((message) -> message.getNextDeliveryAt() <= now)
                .forEach((message) -> due.add(message.getId()));
        });
        this.handOff.offer(due);
    }

    private void requireExists(String name) {
        checkName(name);
        if (!Boolean.TRUE.equals(this.transactions.execute((status) -> this.queues.existsById(name)))) {
            throw notFound(name);
        }
    }

    private static void checkName(String name) {
        if (!Destinations.isResourceName(name)) {
            throw BrokerException
                .badRequest("invalid queue name: " + name + " (letters, digits, '-', '_' and '.' only)");
        }
    }

    private static BrokerException notFound(String name) {
        return BrokerException.notFound("queue " + name + " not found");
    }

    /**
     * A queue as the API shows it.
     *
     * @param queue the queue
     * @param lag messages not yet processed
     */
    public record QueueView(QueueEntity queue, long lag) {
    }

}
