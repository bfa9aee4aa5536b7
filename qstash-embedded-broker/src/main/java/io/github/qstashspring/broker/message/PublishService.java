package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.qstashspring.broker.flow.FlowControl;
import io.github.qstashspring.broker.store.BatchedWrites;
import io.github.qstashspring.broker.store.GroupCommit;
import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageRows;
import io.github.qstashspring.broker.store.MessageState;
import io.github.qstashspring.broker.store.StoredUrlGroup;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Accepts messages: deduplicates, stores them with their {@code CREATED} log entry in one
 * transaction, and only after the commit hands the due ones to the dispatcher. A returned
 * result therefore means the message is durable.
 * <p>
 * Concurrent publishes share transactions ({@link GroupCommit}): one commit acknowledges
 * all the publishes waiting for it. A due message without queue or flow-control key is
 * stored already claimed when the dispatcher has a free slot, and delivered right after
 * the commit.
 */
public class PublishService {

    private final GroupCommit groupCommit;

    private final MessageRows rows;

    private final BatchedWrites writes;

    private final MessageFactory factory;

    private final Deduplicator deduplicator;

    private final QueueTurns queueTurns;

    private final LogRecorder logRecorder;

    private final MessageHandOff handOff;

    private final UrlGroups urlGroups;

    private final FlowControl flowControl;

    private final Clock clock;

    /**
     * Creates the service.
     * @param groupCommit runs publishes in shared transactions
     * @param rows inserts messages that later statements of the transaction must see
     * @param writes inserts the other messages when the transaction commits
     * @param factory builds messages
     * @param deduplicator deduplication
     * @param queueTurns FIFO queue turns
     * @param logRecorder log entries
     * @param handOff the dispatcher
     * @param urlGroups resolves URL group destinations
     * @param flowControl records the flow-control configuration of new messages
     * @param clock the broker's clock
     */
    public PublishService(GroupCommit groupCommit, MessageRows rows, BatchedWrites writes, MessageFactory factory,
            Deduplicator deduplicator, QueueTurns queueTurns, LogRecorder logRecorder, MessageHandOff handOff,
            UrlGroups urlGroups, FlowControl flowControl, Clock clock) {
        this.groupCommit = groupCommit;
        this.rows = rows;
        this.writes = writes;
        this.factory = factory;
        this.deduplicator = deduplicator;
        this.queueTurns = queueTurns;
        this.logRecorder = logRecorder;
        this.handOff = handOff;
        this.urlGroups = urlGroups;
        this.flowControl = flowControl;
        this.clock = clock;
    }

    /**
     * Accepts messages atomically: all are stored, or none.
     * @param commands the messages
     * @return one result per command, in order
     */
    public List<PublishResult> publish(List<PublishCommand> commands) {
        try {
            return publishCommitted(commands);
        }
        catch (DataIntegrityViolationException ex) {
            // A concurrent publish created the same deduplication key or queue: the retry
            // sees it.
            return publishCommitted(commands);
        }
    }

    private List<PublishResult> publishCommitted(List<PublishCommand> commands) {
        return Objects.requireNonNull(this.groupCommit.execute(() -> {
            PublishHandOff handOff = PublishHandOff.current(this.handOff);
            return store(commands, handOff::claim, handOff::due);
        }));
    }

    /**
     * Accepts messages inside the caller's transaction (a schedule tick); the caller
     * hands the ids collected in {@code due} to the dispatcher after its commit.
     * @param commands the messages
     * @param due receives the ids of messages due now
     * @return one result per command, in order
     */
    public List<PublishResult> publishInTransaction(List<PublishCommand> commands, List<String> due) {
        return store(commands, (message, now) -> false, due::add);
    }

    /**
     * Hands messages that became due to the dispatcher; call after the commit that stored
     * them.
     * @param due message ids
     */
    public void handOff(List<String> due) {
        if (!due.isEmpty()) {
            this.handOff.offer(due);
        }
    }

    /**
     * Stores one already built message (a DLQ retry) with its log entry and queue turn;
     * call inside a transaction, hand off the message after the commit when it is due.
     * @param message the message
     * @param now epoch milliseconds
     */
    public void store(MessageEntity message, long now) {
        store(message, now, (candidate, time) -> false);
    }

    private void store(MessageEntity message, long now, Claim claim) {
        if (message.getQueueName() != null) {
            if (message.getState() == MessageState.PENDING) {
                message.setState(this.queueTurns.enter(message.getQueueName(), now));
            }
            // The next message entering the queue in this transaction must see this one.
            this.rows.insert(List.of(message));
        }
        else {
            if (message.getFlowControlKey() != null) {
                this.flowControl.register(message, now);
            }
            else if (message.getState() == MessageState.PENDING && message.getNextDeliveryAt() <= now) {
                claim.claim(message, now);
            }
            this.writes.insert(message);
        }
        this.logRecorder.record(message, "CREATED", now);
        if (message.getState() == MessageState.ACTIVE) {
            this.logRecorder.record(message, "ACTIVE", now);
        }
    }

    private List<PublishResult> store(List<PublishCommand> commands, Claim claim, Consumer<String> due) {
        long now = this.clock.millis();
        List<PublishResult> results = new ArrayList<>(commands.size());
        for (PublishCommand command : commands) {
            if (Destinations.isUrl(command.destination())) {
                results.add(storeOne(command, this.deduplicator.keyOf(command), null, null, claim, due, now));
                continue;
            }
            // A URL group: one independent message per endpoint.
            StoredUrlGroup group = this.urlGroups.find(command.destination());
            String key = this.deduplicator.keyOf(command);
            List<PublishResult> endpoints = new ArrayList<>();
            for (StoredUrlGroup.Endpoint endpoint : group.endpoints()) {
                PublishCommand single = new PublishCommand(endpoint.url(), command.queueName(), command.body(),
                        command.options(), command.callerIp(), command.scheduleId());
                endpoints.add(storeOne(single, (key != null) ? key + "#" + endpoint.url() : null, group.name(),
                        endpoint.name(), claim, due, now));
            }
            results.add(new PublishResult("", command.destination(), false, endpoints));
        }
        return results;
    }

    private PublishResult storeOne(PublishCommand command, @Nullable String key, @Nullable String topicName,
            @Nullable String endpointName, Claim claim, Consumer<String> due, long now) {
        Optional<String> existing = (key != null) ? this.deduplicator.existing(key, now) : Optional.empty();
        if (existing.isPresent()) {
            return new PublishResult(existing.get(), command.destination(), true);
        }
        MessageEntity message = this.factory.create(command, now);
        message.setTopicName(topicName);
        message.setEndpointName(endpointName);
        store(message, now, claim);
        if (key != null) {
            this.deduplicator.remember(key, message.getId(), now);
        }
        if (message.getState() == MessageState.PENDING && message.getNextDeliveryAt() <= now) {
            due.accept(message.getId());
        }
        return new PublishResult(message.getId(), command.destination(), false);
    }

    /** Claims a new message for immediate delivery after the commit, when possible. */
    @FunctionalInterface
    private interface Claim {

        boolean claim(MessageEntity message, long now);

    }

}
