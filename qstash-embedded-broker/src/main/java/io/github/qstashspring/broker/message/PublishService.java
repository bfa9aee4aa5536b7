package io.github.qstashspring.broker.message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.ResourceStore.Schedule;
import io.github.qstashspring.broker.store.ResourceStore.UrlGroup;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Accepts messages: deduplicates, stores them with their {@code CREATED} log entry in one
 * transaction, and only after the commit hands the due ones to the dispatcher. A returned
 * result therefore means the message is durable.
 * <p>
 * Concurrent publishes share transactions (the store's group commit): one commit
 * acknowledges all the publishes waiting for it. A due message without queue or
 * flow-control key is stored already claimed when the dispatcher has a free slot, and
 * delivered right after the commit.
 */
public final class PublishService {

    private final TransactionOperations groupCommit;

    private final MessageStore messages;

    private final ResourceStore resources;

    private final MessageFactory factory;

    private final PublishOptionsParser parser;

    private final Deduplicator deduplicator;

    private final FlowKeys flowKeys;

    private final Dispatcher dispatcher;

    private final Clock clock;

    private final Redactor redactor;

    PublishService(TransactionOperations groupCommit, MessageStore messages, ResourceStore resources,
            MessageConfiguration.Settings settings, Dispatcher dispatcher, Clock clock, Redactor redactor) {
        this.groupCommit = groupCommit;
        this.messages = messages;
        this.resources = resources;
        this.factory = new MessageFactory(settings.defaultRetries(), settings.maxTimeout());
        this.parser = new PublishOptionsParser(settings, clock);
        this.deduplicator = new Deduplicator(messages, settings.deduplicationWindow());
        this.flowKeys = new FlowKeys(resources);
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.redactor = redactor;
    }

    /**
     * Reads the publish options of a request as QStash does.
     * @param headers the request headers (and configuration query parameters)
     * @return the options
     * @throws io.github.qstashspring.broker.api.BrokerException (400) on an invalid
     * value, naming the header
     */
    PublishOptions options(RequestHeaders headers) {
        return this.parser.parse(headers);
    }

    /**
     * Checks the publish options of a request (a schedule's, replayed by each tick).
     * @param headers the request headers (and configuration query parameters)
     * @throws io.github.qstashspring.broker.api.BrokerException (400) on an invalid
     * value, naming the header
     */
    public void checkOptions(RequestHeaders headers) {
        this.parser.parse(headers);
    }

    /**
     * Shows the messages each tick of a schedule sends, as the API shows a schedule:
     * {@code method}, {@code header}, {@code body}, {@code retries} and the other
     * settings of its publish options (redacted fields redacted).
     * @param schedule the schedule
     * @param json the schedule's JSON object
     * @param readOnly whether the request was made with the read-only token (which sees
     * sensitive headers redacted)
     */
    public void describeTick(Schedule schedule, Map<String, Object> json, boolean readOnly) {
        PublishOptions options = this.parser.parse(RequestHeaders.of(schedule.requestHeaders()));
        JsonViews.tickOptions(options, schedule.body(),
                (options.retries() != null) ? options.retries() : this.factory.defaultRetries(), json,
                this.redactor.forReader(readOnly));
    }

    /**
     * Checks the destination of a publish or schedule.
     * @param destination a URL or a URL group name
     * @throws io.github.qstashspring.broker.api.BrokerException (400) when it is neither
     */
    public static void checkDestination(String destination) {
        Destinations.check(destination);
    }

    /**
     * Checks the URLs a publish will call against the broker's destination policy: the
     * destination (when it is a URL; a URL group's endpoints were checked when they were
     * added) and the callbacks.
     * @param destination a URL or a URL group name
     * @param options the options
     * @throws io.github.qstashspring.broker.api.BrokerException (400) when one is denied
     */
    void checkReachable(String destination, PublishOptions options) {
        if (Destinations.isUrl(destination)) {
            this.dispatcher.checkDestination(destination);
        }
        if (options.callback() != null) {
            this.dispatcher.checkDestination(options.callback());
        }
        if (options.failureCallback() != null) {
            this.dispatcher.checkDestination(options.failureCallback());
        }
    }

    /**
     * Accepts messages atomically: all are stored, or none.
     * @param commands the messages
     * @return one result per command, in order
     */
    List<PublishResult> publish(List<PublishCommand> commands) {
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
        return Objects.requireNonNull(this.groupCommit.execute((status) -> {
            PublishHandOff handOff = PublishHandOff.current(this.dispatcher);
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
    List<PublishResult> publishInTransaction(List<PublishCommand> commands, List<String> due) {
        return store(commands, (message, now) -> message, due::add);
    }

    /**
     * Publishes the request of a schedule's tick inside the caller's transaction (every
     * option applies, deduplication excepted); the caller hands the ids collected in
     * {@code due} to the dispatcher after its commit ({@link #handOff}).
     * @param schedule the schedule
     * @param due receives the ids of messages due now
     * @return the ids of the messages created
     * @throws io.github.qstashspring.broker.api.BrokerException when the tick produces no
     * message (an unknown URL group)
     */
    public List<String> publishTick(Schedule schedule, List<String> due) {
        PublishOptions options = this.parser.parse(RequestHeaders.of(schedule.requestHeaders())).withoutDeduplication();
        PublishCommand command = new PublishCommand(schedule.destination(), schedule.queueName(), schedule.body(),
                options, schedule.callerIp(), schedule.id());
        List<String> ids = new ArrayList<>();
        for (PublishResult result : publishInTransaction(List.of(command), due)) {
            ids.addAll(result.messageIds());
        }
        return ids;
    }

    /**
     * Hands messages that became due to the dispatcher; call after the commit that stored
     * them.
     * @param due message ids
     */
    public void handOff(List<String> due) {
        if (!due.isEmpty()) {
            this.dispatcher.offer(due);
        }
    }

    /**
     * Stores one already built message (a DLQ retry) with its log entry and queue turn;
     * call inside a transaction, hand off the message after the commit when it is due.
     * @param message the message
     * @param now epoch milliseconds
     * @return the message as stored
     */
    StoredMessage store(StoredMessage message, long now) {
        return store(message, now, (candidate, time) -> candidate);
    }

    private StoredMessage store(StoredMessage message, long now, Claim claim) {
        StoredMessage stored = message;
        String queue = message.envelope().queueName();
        if (queue != null) {
            if (stored.state() == State.PENDING) {
                stored = stored.withState(this.messages.enterQueue(queue, now));
            }
            // The next message entering the queue in this transaction must see this one.
            this.messages.insertNow(stored);
        }
        else {
            if (stored.envelope().flowControlKey() != null) {
                this.flowKeys.register(stored, now);
            }
            else if (stored.isDueAt(now)) {
                stored = claim.claim(stored, now);
            }
            this.messages.insert(stored);
        }
        String redactedBody = this.redactor.body(stored.redact(), stored.body());
        this.messages.logCreated(stored, this.redactor.headers(stored.redact(), stored.headers()),
                (redactedBody != null) ? redactedBody.getBytes(StandardCharsets.UTF_8) : stored.body(), now);
        if (stored.state() == State.ACTIVE) {
            this.messages.log(stored, "ACTIVE", now);
        }
        return stored;
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
            UrlGroup group = UrlGroups.find(this.resources, command.destination());
            String key = this.deduplicator.keyOf(command);
            List<PublishResult> endpoints = new ArrayList<>();
            for (UrlGroup.Endpoint endpoint : group.endpoints()) {
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
        StoredMessage message = store(this.factory.create(command, topicName, endpointName, now), now, claim);
        if (key != null) {
            this.deduplicator.remember(key, message.id(), now);
        }
        if (message.isDueAt(now)) {
            due.accept(message.id());
        }
        return new PublishResult(message.id(), command.destination(), false);
    }

    /** Claims a new message for immediate delivery after the commit, when possible. */
    @FunctionalInterface
    private interface Claim {

        StoredMessage claim(StoredMessage message, long now);

    }

}
