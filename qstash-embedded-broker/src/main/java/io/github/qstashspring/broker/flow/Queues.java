package io.github.qstashspring.broker.flow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.ResourceStore.Queue;
import io.github.qstashspring.broker.store.StoredMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Queue management: upsert with parallelism, read with lag, pause, resume and delete.
 * Raising the parallelism or resuming hands free turns to waiting messages at once.
 */
final class Queues {

    private final TransactionOperations transactions;

    private final ResourceStore resources;

    private final MessageStore messages;

    private final Dispatcher dispatcher;

    private final Clock clock;

    Queues(TransactionOperations transactions, ResourceStore resources, MessageStore messages, Dispatcher dispatcher,
            Clock clock) {
        this.transactions = transactions;
        this.resources = resources;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * Creates or updates a queue.
     * @param name the queue name
     * @param parallelism the most messages delivered at once (at least 1)
     * @param paused whether delivery is paused, or {@code null} to keep the current state
     * @throws BrokerException (400) on an invalid name or parallelism
     */
    void upsert(String name, int parallelism, @Nullable Boolean paused) {
        checkName(name);
        if (parallelism < 1) {
            throw BrokerException.badRequest("invalid parallelism: " + parallelism + " (must be at least 1)");
        }
        update(name, (queue) -> new Queue(queue.name(), parallelism, (paused != null) ? paused : queue.paused(),
                queue.createdAt(), queue.updatedAt()));
    }

    /**
     * Pauses or resumes a queue (idempotent). A paused queue accepts messages and starts
     * none.
     * @param name the queue name
     * @param paused whether to pause
     * @throws BrokerException (404) when it does not exist
     */
    void setPaused(String name, boolean paused) {
        requireExists(name);
        update(name,
                (queue) -> new Queue(queue.name(), queue.parallelism(), paused, queue.createdAt(), queue.updatedAt()));
    }

    /**
     * Reads a queue.
     * @param name the queue name
     * @return the queue and its lag
     * @throws BrokerException (404) when it does not exist
     */
    QueueView get(String name) {
        checkName(name);
        QueueView view = this.transactions.execute((status) -> this.resources.findQueue(name)
            .map((queue) -> new QueueView(queue, this.messages.queueLag(name)))
            .orElse(null));
        if (view == null) {
            throw notFound(name);
        }
        return view;
    }

    /**
     * @return every queue with its lag, by name
     */
    List<QueueView> list() {
        return Objects.requireNonNull(this.transactions.execute((status) -> this.resources.listQueues()
            .stream()
            .map((queue) -> new QueueView(queue, this.messages.queueLag(queue.name())))
            .toList()));
    }

    /**
     * Deletes a queue: its waiting messages are cancelled; messages already being
     * delivered or retried finish.
     * @param name the queue name
     * @throws BrokerException (404) when it does not exist
     */
    void delete(String name) {
        requireExists(name);
        this.transactions.executeWithoutResult((status) -> {
            long now = this.clock.millis();
            this.resources.lockQueue(name, now);
            List<StoredMessage> waiting;
            do {
                waiting = this.messages.waitingInQueue(name, 500);
                for (StoredMessage message : waiting) {
                    this.messages.log(message, "CANCELED", now);
                }
                this.messages.deleteAll(waiting.stream().map(StoredMessage::id).toList());
            }
            while (!waiting.isEmpty());
            this.resources.deleteQueue(name);
        });
    }

    private void update(String name, UnaryOperator<Queue> change) {
        List<String> due = new ArrayList<>();
        this.transactions.executeWithoutResult((status) -> {
            long now = this.clock.millis();
            Queue changed = change.apply(this.resources.lockQueue(name, now));
            this.resources.updateQueue(
                    new Queue(changed.name(), changed.parallelism(), changed.paused(), changed.createdAt(), now));
            this.messages.passOnTurns(name, now)
                .stream()
                .filter((message) -> message.nextDeliveryAt() <= now)
                .forEach((message) -> due.add(message.id()));
        });
        this.dispatcher.offer(due);
    }

    private void requireExists(String name) {
        checkName(name);
        if (!Boolean.TRUE.equals(this.transactions.execute((status) -> this.resources.findQueue(name).isPresent()))) {
            throw notFound(name);
        }
    }

    private static void checkName(String name) {
        if (!ApiResource.isValidName(name)) {
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
    record QueueView(Queue queue, long lag) {
    }

}
