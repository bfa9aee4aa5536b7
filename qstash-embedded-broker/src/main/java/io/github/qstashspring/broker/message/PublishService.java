package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.qstashspring.broker.flow.FlowControl;
import io.github.qstashspring.broker.store.MessageClaimer;
import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageState;
import io.github.qstashspring.broker.store.StoredUrlGroup;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts messages: deduplicates, stores them with their {@code CREATED} log entry in one
 * transaction, and only after the commit hands the due ones to the dispatcher. A returned result
 * therefore means the message is durable.
 */
public class PublishService {

    private final TransactionTemplate transactions;

    private final MessageRepository messages;

    private final MessageClaimer claimer;

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
     * @param transactions the broker's transactions
     * @param messages the message repository
     * @param claimer for the arrival sequence
     * @param factory builds messages
     * @param deduplicator deduplication
     * @param queueTurns FIFO queue turns
     * @param logRecorder log entries
     * @param handOff the dispatcher
     * @param urlGroups resolves URL group destinations
     * @param flowControl records the flow-control configuration of new messages
     * @param clock the broker's clock
     */
    public PublishService(TransactionTemplate transactions, MessageRepository messages, MessageClaimer claimer,
            MessageFactory factory, Deduplicator deduplicator, QueueTurns queueTurns, LogRecorder logRecorder,
            MessageHandOff handOff, UrlGroups urlGroups, FlowControl flowControl, Clock clock) {
        this.urlGroups = urlGroups;
        this.flowControl = flowControl;
        this.transactions = transactions;
        this.messages = messages;
        this.claimer = claimer;
        this.factory = factory;
        this.deduplicator = deduplicator;
        this.queueTurns = queueTurns;
        this.logRecorder = logRecorder;
        this.handOff = handOff;
        this.clock = clock;
    }

    /**
     * Accepts messages atomically: all are stored, or none.
     * @param commands the messages
     * @return one result per command, in order
     */
    public List<PublishResult> publish(List<PublishCommand> commands) {
        List<String> due = new ArrayList<>();
        List<PublishResult> results;
        try {
            results = this.transactions.execute((status) -> store(commands, due));
        }
        catch (DataIntegrityViolationException ex) {
            // A concurrent publish created the same deduplication key or queue: the retry sees it.
            due.clear();
            results = this.transactions.execute((status) -> store(commands, due));
        }
        if (!due.isEmpty()) {
            this.handOff.offer(due);
        }
        return results;
    }

    /**
     * Accepts messages inside the caller's transaction (a schedule tick); the caller hands the
     * ids collected in {@code due} to the dispatcher after its commit.
     * @param commands the messages
     * @param due receives the ids of messages due now
     * @return one result per command, in order
     */
    public List<PublishResult> publishInTransaction(List<PublishCommand> commands, List<String> due) {
        return store(commands, due);
    }

    /**
     * Hands messages that became due to the dispatcher; call after the commit that stored them.
     * @param due message ids
     */
    public void handOff(List<String> due) {
        if (!due.isEmpty()) {
            this.handOff.offer(due);
        }
    }

    /**
     * Stores one already built message (a DLQ retry) with its log entry and queue turn; call
     * inside a transaction, hand off the returned message after the commit when it is due.
     * @param message the message
     * @param now epoch milliseconds
     */
    public void store(MessageEntity message, long now) {
        if (message.getQueueName() != null && message.getState() == MessageState.PENDING) {
            message.setState(this.queueTurns.enter(message.getQueueName(), now));
        }
        if (message.getFlowControlKey() != null) {
            this.flowControl.register(message, now);
        }
        this.messages.save(message);
        this.logRecorder.record(message, "CREATED", now);
    }

    /**
     * Draws the next arrival sequence number.
     * @return the number
     */
    public long nextSeq() {
        return this.claimer.nextSeq();
    }

    private List<PublishResult> store(List<PublishCommand> commands, List<String> due) {
        long now = this.clock.millis();
        List<PublishResult> results = new ArrayList<>(commands.size());
        for (PublishCommand command : commands) {
            if (Destinations.isUrl(command.destination())) {
                results.add(storeOne(command, this.deduplicator.keyOf(command), null, null, due, now));
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
                        endpoint.name(), due, now));
            }
            results.add(new PublishResult("", command.destination(), false, endpoints));
        }
        return results;
    }

    private PublishResult storeOne(PublishCommand command, @Nullable String key, @Nullable String topicName,
            @Nullable String endpointName, List<String> due, long now) {
        Optional<String> existing = (key != null) ? this.deduplicator.existing(key, now) : Optional.empty();
        if (existing.isPresent()) {
            return new PublishResult(existing.get(), command.destination(), true);
        }
        MessageEntity message = this.factory.create(command, this.claimer.nextSeq(), now);
        message.setTopicName(topicName);
        message.setEndpointName(endpointName);
        store(message, now);
        if (key != null) {
            this.deduplicator.remember(key, message.getId(), now);
        }
        if (message.getState() == MessageState.PENDING && message.getNextDeliveryAt() <= now) {
            due.add(message.getId());
        }
        return new PublishResult(message.getId(), command.destination(), false);
    }
}
