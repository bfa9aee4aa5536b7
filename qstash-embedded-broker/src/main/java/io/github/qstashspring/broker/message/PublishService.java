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

    private final @Nullable WorkflowAdmission workflows;

    PublishService(TransactionOperations groupCommit, MessageStore messages, ResourceStore resources,
            MessageConfiguration.Settings settings, Dispatcher dispatcher, Clock clock, Redactor redactor,
            @Nullable WorkflowAdmission workflows) {
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
        this.workflows = workflows;
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
        if (this.workflows != null) {
            for (PublishCommand command : commands) {
                if (command.options().workflow() != null) {
                    // Fails a publish for an ended run before it joins a shared
                    // transaction (admit checks again inside it).
                    this.workflows.check(command.options().workflow());
                }
            }
        }
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
     * Publishes one message inside the caller's transaction, as if a client had sent
     * {@code POST /v2/publish/<destination>} with these headers and body (a workflow's
     * event, timeout or invoke result); the caller hands the ids collected in {@code due}
     * to the dispatcher after its commit ({@link #handOff}).
     * @param destination the destination URL
     * @param headers the publish request's headers
     * @param body the body
     * @param due receives the ids of messages due now
     * @return the id of the message (or of the message it duplicates)
     * @throws io.github.qstashspring.broker.api.BrokerException (400) when the headers
     * are invalid or the message belongs to a run that ended
     */
    public String publishInTransaction(String destination, RequestHeaders headers, byte[] body, List<String> due) {
        PublishCommand command = new PublishCommand(destination, null, body, this.parser.parse(headers), null);
        return publishInTransaction(List.of(command), due).get(0).messageId();
    }

    /**
     * Publishes one message in a transaction of its own, as if a client had sent
     * {@code POST /v2/publish/<destination>} with these headers and body (the REST
     * trigger of a workflow run).
     * @param destination the destination URL
     * @param headers the publish request's headers
     * @param body the body
     * @param callerIp the caller's address
     * @return whether the message was stored (or was a duplicate)
     */
    public boolean publish(String destination, RequestHeaders headers, byte[] body, @Nullable String callerIp) {
        PublishOptions options = this.parser.parse(headers);
        checkReachable(destination, options);
        return !publish(List.of(new PublishCommand(destination, null, body, options, callerIp))).get(0).deduplicated();
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
        StoredMessage created = this.factory.create(command, topicName, endpointName, now);
        WorkflowHeaders workflow = command.options().workflow();
        if (workflow != null && this.workflows != null) {
            Admission admission = this.workflows.admit(created, workflow, now);
            if (admission.existingMessageId() != null) {
                return new PublishResult(admission.existingMessageId(), command.destination(), true);
            }
            created = Objects.requireNonNull(admission.message());
        }
        StoredMessage message = store(created, now, claim);
        if (key != null) {
            this.deduplicator.remember(key, message.id(), now);
        }
        if (message.isDueAt(now)) {
            due.accept(message.id());
        }
        return new PublishResult(message.id(), command.destination(), false);
    }

    /**
     * The {@code Upstash-Workflow-*} headers of a message that belongs to a workflow run.
     *
     * @param runId {@code Upstash-Workflow-RunId}
     * @param init {@code Upstash-Workflow-Init}: whether the message starts the run
     * @param url {@code Upstash-Workflow-Url}, or {@code null}
     * @param callType {@code Upstash-Workflow-CallType} ({@code step} when absent)
     * @param featureSet {@code Upstash-Feature-Set}
     * @param invoke {@code Upstash-Workflow-Invoke}: whether another run invokes this one
     * @param triggerBySdk {@code Upstash-Workflow-Trigger-By-Sdk}: the SDK's answer to
     * the REST trigger's handshake
     */
    public record WorkflowHeaders(String runId, boolean init, @Nullable String url, String callType,
            List<String> featureSet, boolean invoke, boolean triggerBySdk) {

        /**
         * @param feature a feature flag, e.g. {@code WF_TriggerOnConfig}
         * @return whether the message carries it
         */
        public boolean has(String feature) {
            return this.featureSet.contains(feature);
        }

    }

    /**
     * What becomes of a workflow message: stored (as the run's history makes it), or a
     * duplicate of a run's trigger.
     *
     * @param message the message to store, or {@code null} for a duplicate
     * @param existingMessageId the first message of the run a duplicate trigger names, or
     * {@code null}
     */
    public record Admission(@Nullable StoredMessage message, @Nullable String existingMessageId) {
    }

    /**
     * Admits the messages of workflow runs (a bean of the broker's context): creates
     * runs, appends their history and gives each message the body and headers its
     * delivery needs.
     */
    public interface WorkflowAdmission {

        /**
         * Checks, before the publish transaction, that a message can join its run.
         * @param workflow the message's workflow headers
         * @throws io.github.qstashspring.broker.api.BrokerException (400) when the run
         * ended
         */
        void check(WorkflowHeaders workflow);

        /**
         * Admits one message, inside the publish transaction.
         * @param message the message as published, not yet stored
         * @param workflow its workflow headers
         * @param now epoch milliseconds
         * @return the message to store, or the duplicate's first message
         * @throws io.github.qstashspring.broker.api.BrokerException (400) when the run
         * ended
         */
        Admission admit(StoredMessage message, WorkflowHeaders workflow, long now);

    }

    /** Claims a new message for immediate delivery after the commit, when possible. */
    @FunctionalInterface
    private interface Claim {

        StoredMessage claim(StoredMessage message, long now);

    }

}
