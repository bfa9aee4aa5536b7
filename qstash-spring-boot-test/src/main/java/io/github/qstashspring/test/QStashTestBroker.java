package io.github.qstashspring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.MutableClock;
import io.github.qstashspring.broker.autoconfigure.QStashBrokerClock;
import io.github.qstashspring.client.DlqFilter;
import io.github.qstashspring.client.DlqMessage;
import io.github.qstashspring.client.LogEntry;
import io.github.qstashspring.client.LogFilter;
import io.github.qstashspring.client.NotifyResponse;
import io.github.qstashspring.client.QStashApiException;
import io.github.qstashspring.client.QStashTemplate;
import io.github.qstashspring.client.TransportRetryPolicy;
import io.github.qstashspring.client.Waiter;
import io.github.qstashspring.client.WorkflowLogFilter;
import io.github.qstashspring.client.WorkflowRunLog;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The test's handle on the broker started by {@link EmbeddedQStash}; inject it into the
 * test.
 * <p>
 * Waiting: every {@code await...} method polls the broker's state (its logs and DLQ, read
 * through its HTTP API, exactly what {@code template.logs()} would show) or the recorded
 * requests until the condition holds, and fails with an {@link AssertionError} describing
 * what was seen when it does not hold within the timeout (default 10 seconds,
 * {@link #setAwaitTimeout(Duration)}). The waits are per message id, so tests sharing the
 * broker do not see each other's messages.
 * <p>
 * Time: the broker reads time from a {@link MutableClock} that only
 * {@link #advanceClock(Duration)} moves, so retries and delays happen exactly when the
 * test says. Signatures always carry real time, so listeners verify them with their own
 * clock.
 * <p>
 * Workflows: a run started with {@code qstash.workflows().trigger(...)} is followed
 * through the broker's workflow logs ({@code GET /v2/workflows/events?workflowRunId=...})
 * and waiters ({@code GET /v2/waiters/<eventId>}): {@link #awaitStep} waits for a step to
 * have run, {@link #awaitRunResult} for the run to succeed, {@link #awaitRunState} for
 * another end; {@link #advanceClockThroughSleep} and
 * {@link #advanceClockThroughWaitTimeout} move the clock exactly as far as the run sleeps
 * or waits, and {@link #notify(String, String, Object)} sends the event a run waits for.
 *
 * <pre>{@code
 * String run = template.workflows().trigger(WorkflowTrigger.to(qstash.url("/workflows/orders")).json(order))
 *     .workflowRunId();
 * qstash.awaitStep(run, "charge");
 * qstash.advanceClockThroughSleep(run);                       // context.sleep("cool-down", ...)
 * qstash.notify(run, "shipped-42", new Shipment("T-1"));      // context.waitForEvent(..., "shipped-42", ...)
 * Receipt receipt = qstash.awaitRunResult(run, Receipt.class);
 * }</pre>
 */
public final class QStashTestBroker {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private static final String RUN_STARTED = "RUN_STARTED";

    private static final String RUN_SUCCESS = "RUN_SUCCESS";

    /** The log's group of pending steps. */
    private static final String NEXT = "next";

    private static final String RUN_ID_HEADER = "Upstash-Workflow-RunId";

    private final EmbeddedQStashBroker broker;

    private final MutableClock clock;

    private final DeliveryRecorder recorder;

    private final Environment environment;

    private final QStashTemplate api;

    /**
     * The application's mapper: the one its workflows write results and read events with.
     */
    private final JsonMapper json;

    private volatile Duration awaitTimeout = Duration.ofSeconds(10);

    QStashTestBroker(EmbeddedQStashBroker broker, QStashBrokerClock clock, DeliveryRecorder recorder,
            Environment environment, ObjectProvider<JsonMapper> jsonMapper) {
        if (!(clock.clock() instanceof MutableClock mutable)) {
            throw new IllegalStateException("@EmbeddedQStash needs the broker to run on its MutableClock, not on "
                    + clock.clock() + "; remove the test's own QStashBrokerClock bean");
        }
        this.broker = broker;
        this.clock = mutable;
        this.recorder = recorder;
        this.environment = environment;
        this.json = jsonMapper.getIfUnique(JsonMapper::shared);
        this.api = QStashTemplate.builder()
            .url(broker.getUrl())
            .token(broker.getToken())
            .jsonMapper(this.json)
            .retryPolicy(TransportRetryPolicy.none())
            .build();
    }

    /**
     * The absolute URL of a path of the application under test, as QStash must call it,
     * for example {@code http://127.0.0.1:54321/qstash/orders}: the local server port and
     * the servlet context path are added. Listener URL checks accept it with no
     * configuration.
     * @param path the path, starting with {@code /}
     * @return the URL to publish to
     * @throws IllegalStateException when the test has no running server (use
     * {@code webEnvironment = RANDOM_PORT})
     */
    public String url(String path) {
        String port = this.environment.getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("The application under test has no running server, so QStash cannot "
                    + "deliver to it; use @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)");
        }
        String contextPath = this.environment.getProperty("server.servlet.context-path", "");
        if (contextPath.endsWith("/")) {
            contextPath = contextPath.substring(0, contextPath.length() - 1);
        }
        return "http://127.0.0.1:" + port + contextPath + (path.startsWith("/") ? path : "/" + path);
    }

    /**
     * @return the running broker (its URL, token, signing keys)
     */
    public EmbeddedQStashBroker getBroker() {
        return this.broker;
    }

    /**
     * @return the broker's clock
     */
    public MutableClock getClock() {
        return this.clock;
    }

    /**
     * @return the broker's current time
     */
    public Instant now() {
        return this.clock.instant();
    }

    /**
     * Moves the broker's clock forward and makes it look for due work at once: a retry or
     * a delayed message whose time has come is delivered right away, without sleeping.
     * @param amount how far to move
     */
    public void advanceClock(Duration amount) {
        this.broker.advanceClock(amount);
    }

    /**
     * Sets how long the {@code await...} methods wait.
     * @param timeout the timeout
     */
    public void setAwaitTimeout(Duration timeout) {
        this.awaitTimeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The log of a message, oldest first ({@code GET /v2/logs?messageId=...}).
     * @param messageId the message id
     * @return its entries
     */
    public List<LogEntry> logs(String messageId) {
        List<LogEntry> entries = new ArrayList<>();
        this.api.logs().listAll(new LogFilter().messageIds(messageId)).forEach((entry) -> entries.add(0, entry));
        return entries;
    }

    /**
     * The states of a message so far, oldest first, e.g.
     * {@code [CREATED, ACTIVE, ERROR, RETRY]}.
     * @param messageId the message id
     * @return the states
     */
    public List<String> states(String messageId) {
        return logs(messageId).stream().map(LogEntry::state).toList();
    }

    /**
     * Waits until the message reached the given state.
     * @param messageId the message id
     * @param state a log state, e.g. {@code DELIVERED}, {@code RETRY}, {@code CANCELED}
     * @return the first log entry with that state
     */
    public LogEntry awaitState(String messageId, String state) {
        return awaitStateCount(messageId, state, 1);
    }

    /**
     * Waits until the destination answered 2xx ({@code DELIVERED}).
     * @param messageId the message id
     * @return the {@code DELIVERED} log entry
     */
    public LogEntry awaitDelivered(String messageId) {
        return awaitState(messageId, "DELIVERED");
    }

    /**
     * Waits until the given number of attempts failed ({@code ERROR} entries: a non-2xx
     * answer or no answer). After the n-th failure the next attempt is scheduled
     * ({@code RETRY} with its {@code nextDeliveryTime}) or the message is moved to the
     * DLQ.
     * @param messageId the message id
     * @param attempts how many failed attempts to wait for, from 1
     * @return the {@code ERROR} entry of the n-th failed attempt, with the response
     * status
     */
    public LogEntry awaitFailedAttempts(String messageId, int attempts) {
        return awaitStateCount(messageId, "ERROR", attempts);
    }

    /**
     * Waits until the message's retries ran out and it is in the dead letter queue.
     * @param messageId the message id
     * @return the DLQ entry (its {@code dlqId} is what {@code template.dlq().retry(...)}
     * takes)
     */
    public DlqMessage awaitInDlq(String messageId) {
        return poll("message " + messageId + " to be in the DLQ", () -> dlqEntry(messageId), Optional::isPresent,
                () -> "states " + states(messageId))
            .orElseThrow();
    }

    /**
     * Moves the clock to the time the message's next retry is due and lets the broker
     * deliver it, so the test need not know the backoff. Waits first until a retry is
     * scheduled later than the broker's current time (its latest {@code RETRY} entry,
     * with no attempt started after it), so calling it again after a retry failed moves
     * on to the following retry.
     * @param messageId the message id
     * @return the time the clock was moved to
     */
    public Instant advanceClockToNextAttempt(String messageId) {
        LogEntry retry = poll("message " + messageId + " to wait for a retry later than " + now(),
                () -> futureRetry(logs(messageId)), Optional::isPresent, () -> "states " + states(messageId))
            .orElseThrow();
        Instant due = Objects.requireNonNull(retry.nextDeliveryTime(), "nextDeliveryTime");
        advanceClock(Duration.between(now(), due));
        return now();
    }

    /**
     * What the workflow logs say about a run now
     * ({@code GET /v2/workflows/events?workflowRunId=...}).
     * @param workflowRunId the run id
     * @return the run, empty when the broker does not know it (yet)
     */
    public Optional<WorkflowRunLog> runLog(String workflowRunId) {
        for (WorkflowRunLog run : this.api.workflows()
            .logs(new WorkflowLogFilter().workflowRunId(workflowRunId))
            .items()) {
            if (workflowRunId.equals(run.workflowRunId())) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until a workflow run ended, whichever way: {@code RUN_SUCCESS} (the workflow
     * returned; its result is {@link WorkflowRunLog#workflowRunResponse()}),
     * {@code RUN_FAILED} or {@code RUN_CANCELED}.
     * @param workflowRunId the run id
     * @return the run's log in its final state
     */
    public WorkflowRunLog awaitRunEnded(String workflowRunId) {
        return poll("workflow run " + workflowRunId + " to end", () -> runLog(workflowRunId),
                (run) -> run.isPresent() && !RUN_STARTED.equals(run.get().workflowState()),
                () -> describeRun(workflowRunId))
            .orElseThrow();
    }

    /**
     * Waits until a workflow run ended in the given state, and fails at once when it
     * ended in another one.
     * @param workflowRunId the run id
     * @param state {@code RUN_SUCCESS}, {@code RUN_FAILED} or {@code RUN_CANCELED}
     * @return the run's log in that state
     */
    public WorkflowRunLog awaitRunState(String workflowRunId, String state) {
        WorkflowRunLog run = awaitRunEnded(workflowRunId);
        if (!state.equals(run.workflowState())) {
            throw new AssertionError("Workflow run " + workflowRunId + " ended " + run.workflowState() + ", not "
                    + state + "; " + describe(run));
        }
        return run;
    }

    /**
     * Waits until a workflow run succeeded and reads what the workflow returned, with the
     * application's {@code JsonMapper} (the one the workflow wrote it with).
     * @param workflowRunId the run id
     * @param resultType the type the result (JSON) is read as; {@code String} for the raw
     * text
     * @param <R> the result type
     * @return the result, {@code null} when the workflow returned nothing
     */
    public <R> @Nullable R awaitRunResult(String workflowRunId, Class<R> resultType) {
        String response = awaitRunState(workflowRunId, RUN_SUCCESS).workflowRunResponse();
        if (response == null || response.isEmpty()) {
            return null;
        }
        return (resultType == String.class) ? resultType.cast(response) : this.json.readValue(response, resultType);
    }

    /**
     * Waits until a step of a workflow run has run and its result is recorded (the run's
     * log lists it among the steps that ran, not as pending).
     * @param workflowRunId the run id
     * @param stepName the step name given in the workflow
     * @return the step, with its result ({@code out})
     */
    public WorkflowRunLog.Step awaitStep(String workflowRunId, String stepName) {
        return poll("step '" + stepName + "' of workflow run " + workflowRunId + " to run",
                () -> runLog(workflowRunId).flatMap((run) -> ranStep(run, stepName)), Optional::isPresent,
                () -> describeRun(workflowRunId))
            .orElseThrow();
    }

    /**
     * Waits until a workflow run waits for an event ({@code waitForEvent}), as
     * {@code GET /v2/waiters/<eventId>} shows it.
     * @param workflowRunId the run id
     * @param eventId the event id
     * @return the run's waiter, with its deadline
     */
    public Waiter awaitWaiter(String workflowRunId, String eventId) {
        return poll("workflow run " + workflowRunId + " to wait for event " + eventId,
                () -> waiterOf(workflowRunId, eventId), Optional::isPresent, () -> describeRun(workflowRunId))
            .orElseThrow();
    }

    /**
     * Sends an event to a workflow run once it waits for it: waits for its waiter
     * ({@link #awaitWaiter}), then notifies the run
     * ({@code POST /v2/notify/<workflowRunId>/<eventId>}), so the event ends this very
     * wait.
     * @param workflowRunId the run id
     * @param eventId the event id the run waits for
     * @param eventData the data: a {@code String} as is, anything else as JSON
     * @return the broker's answer, naming the waiter that got the event
     */
    public NotifyResponse notify(String workflowRunId, String eventId, @Nullable Object eventData) {
        awaitWaiter(workflowRunId, eventId);
        List<NotifyResponse> responses = this.api.workflows().notifyRun(workflowRunId, eventId, eventData);
        if (responses.isEmpty() || responses.get(0).waiter() == null) {
            throw new AssertionError("The notification of " + eventId + " did not reach the waiting run "
                    + workflowRunId + ": " + responses);
        }
        return responses.get(0);
    }

    /**
     * Moves the clock past the deadline of a run's wait for an event and lets the broker
     * time it out, so the wait ends with a timed-out result. Waits first until the run
     * waits for the event.
     * @param workflowRunId the run id
     * @param eventId the event id the run waits for
     * @return the time the clock was moved to
     */
    public Instant advanceClockThroughWaitTimeout(String workflowRunId, String eventId) {
        Waiter waiter = awaitWaiter(workflowRunId, eventId);
        // The deadline is given in whole seconds, rounded down.
        Instant deadline = Instant.ofEpochSecond(Objects.requireNonNull(waiter.deadline(), "deadline") + 1);
        advanceClockTo(deadline);
        return now();
    }

    /**
     * Moves the clock to the time a run's pending step is due and lets the broker deliver
     * it: the end of a {@code sleep} or {@code sleepUntil}, so the test need not know how
     * long the workflow sleeps. Waits first until the run has a step message due later
     * than the broker's current time.
     * @param workflowRunId the run id
     * @return the time the clock was moved to
     */
    public Instant advanceClockThroughSleep(String workflowRunId) {
        advanceClockTo(awaitSleeping(workflowRunId));
        return now();
    }

    /**
     * Waits until a workflow run sleeps: it has a step message due later than the
     * broker's current time (the end of a {@code sleep} or {@code sleepUntil}, or a
     * step's next retry).
     * @param workflowRunId the run id
     * @return when the run wakes up
     */
    public Instant awaitSleeping(String workflowRunId) {
        return poll("workflow run " + workflowRunId + " to sleep until later than " + now(),
                () -> sleepingUntil(workflowRunId), Optional::isPresent, () -> describeRun(workflowRunId))
            .orElseThrow();
    }

    /**
     * Every signed request the application received so far, in arrival order (deliveries,
     * retries, callbacks, failure callbacks), with the status it answered.
     * @return the requests
     */
    public List<ReceivedDelivery> received() {
        return this.recorder.all();
    }

    /**
     * The signed requests the application received on one path.
     * @param path the path inside the application, e.g. {@code /qstash/orders}
     * @return the requests, in arrival order
     */
    public List<ReceivedDelivery> received(String path) {
        return received().stream().filter((delivery) -> delivery.path().equals(path)).toList();
    }

    /**
     * Waits until the application received and answered a signed request on a path, for
     * messages whose id the test does not know (callbacks, failure callbacks, messages
     * published by the application itself).
     * @param path the path inside the application, e.g. {@code /qstash/callbacks}
     * @return the first request received on the path
     */
    public ReceivedDelivery awaitReceivedOn(String path) {
        return poll("a request on " + path, () -> received(path), (found) -> !found.isEmpty(),
                () -> "received on other paths: " + received().stream().map(ReceivedDelivery::path).toList())
            .get(0);
    }

    /**
     * Waits until the application received the message (any attempt) and answered.
     * @param messageId the message id
     * @return the latest attempt received
     */
    public ReceivedDelivery awaitReceived(String messageId) {
        List<ReceivedDelivery> attempts = awaitReceived(messageId, 1);
        return attempts.get(attempts.size() - 1);
    }

    /**
     * Waits until the application received the given number of attempts of a message.
     * @param messageId the message id
     * @param attempts how many attempts, from 1
     * @return all attempts received, in arrival order
     */
    public List<ReceivedDelivery> awaitReceived(String messageId, int attempts) {
        return poll(attempts + " attempt(s) of message " + messageId + " to be received", () -> attemptsOf(messageId),
                (found) -> found.size() >= attempts,
                () -> "received " + attemptsOf(messageId).size() + " attempt(s); states " + states(messageId));
    }

    /**
     * Deletes the broker's message data: messages (waiting, delayed, being retried and in
     * the DLQ), logs, deduplication ids and workflow runs (with their histories, waiters
     * and kept events), and forgets the recorded requests. A workflow run still running
     * is gone with its pending step, which is never delivered. Configuration stays:
     * signing keys, queues, flow-control keys (each starts a new rate period, so the
     * deliveries of earlier tests do not use up the rate while the clock stands still),
     * schedules (such as those {@code @QStashSchedule} created at startup) and URL
     * groups. Waits first for running deliveries to finish. The clock is not moved back.
     * Call it in {@code @BeforeEach} when tests must not see each other's data; it
     * affects every test that shares this context, including ones running in parallel.
     */
    public void reset() {
        poll("the broker to finish its running deliveries",
                () -> this.broker.isIdle() && !this.broker.hasClaimedMessages(), Boolean::booleanValue,
                () -> "deliveries still running");
        this.broker.deleteMessageData();
        this.api.flowControl().list().forEach((key) -> this.api.flowControl().resetRate(key.flowControlKey()));
        // An attempt claimed just before the delete still runs; its outcome is ignored,
        // and it is over before the recorded requests are forgotten.
        poll("deliveries of deleted messages to end", this.broker::isIdle, Boolean::booleanValue,
                () -> "deliveries still running");
        this.recorder.clear();
    }

    private LogEntry awaitStateCount(String messageId, String state, int count) {
        List<LogEntry> entries = poll(
                "message " + messageId + " to reach " + state + ((count > 1) ? " " + count + " times" : ""),
                () -> logs(messageId),
                (found) -> found.stream().filter((entry) -> entry.state().equals(state)).count() >= count,
                () -> "states " + states(messageId));
        return entries.stream().filter((entry) -> entry.state().equals(state)).toList().get(count - 1);
    }

    /**
     * The latest {@code RETRY} entry if no attempt started after it and it is due later
     * than now.
     */
    private Optional<LogEntry> futureRetry(List<LogEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            LogEntry entry = entries.get(i);
            if (entry.state().equals("ACTIVE")) {
                return Optional.empty();
            }
            if (entry.state().equals("RETRY")) {
                Instant due = entry.nextDeliveryTime();
                return (due != null && due.isAfter(now())) ? Optional.of(entry) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void advanceClockTo(Instant time) {
        Duration ahead = Duration.between(now(), time);
        advanceClock(ahead.isNegative() ? Duration.ZERO : ahead);
    }

    /** A step that ran: in a sequential or parallel group of the log, not pending. */
    private static Optional<WorkflowRunLog.Step> ranStep(WorkflowRunLog run, String stepName) {
        for (WorkflowRunLog.StepGroup group : steps(run)) {
            if (!NEXT.equals(group.type()) && group.steps() != null) {
                for (WorkflowRunLog.Step step : group.steps()) {
                    if (stepName.equals(step.stepName())) {
                        return Optional.of(step);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Waiter> waiterOf(String workflowRunId, String eventId) {
        for (Waiter waiter : this.api.workflows().waiters(eventId)) {
            Map<String, List<String>> headers = (waiter.headers() != null) ? waiter.headers() : Map.of();
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(RUN_ID_HEADER) && header.getValue().contains(workflowRunId)) {
                    return Optional.of(waiter);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * When the earliest pending step message of a run is due, if that is later than now
     * (a sleep, or a step waiting for its retry).
     */
    private Optional<Instant> sleepingUntil(String workflowRunId) {
        Optional<WorkflowRunLog> run = runLog(workflowRunId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        Instant earliest = null;
        for (WorkflowRunLog.StepGroup group : steps(run.get())) {
            if (NEXT.equals(group.type()) && group.steps() != null) {
                for (WorkflowRunLog.Step step : group.steps()) {
                    Instant due = (step.messageId() != null) ? notBefore(step.messageId()) : null;
                    if (due != null && due.isAfter(now()) && (earliest == null || due.isBefore(earliest))) {
                        earliest = due;
                    }
                }
            }
        }
        return Optional.ofNullable(earliest);
    }

    private @Nullable Instant notBefore(String messageId) {
        try {
            return this.api.messages().get(messageId).notBefore();
        }
        catch (QStashApiException ex) {
            if (ex.getStatus() == 404) {
                // Delivered or ended meanwhile.
                return null;
            }
            throw ex;
        }
    }

    private static List<WorkflowRunLog.StepGroup> steps(WorkflowRunLog run) {
        return (run.steps() != null) ? run.steps() : List.of();
    }

    private String describeRun(String workflowRunId) {
        return runLog(workflowRunId).map(QStashTestBroker::describe)
            .orElse("the broker does not know workflow run " + workflowRunId);
    }

    /** The run's state, its steps (name and state) and, when it failed, why. */
    private static String describe(WorkflowRunLog run) {
        List<String> steps = new ArrayList<>();
        for (WorkflowRunLog.StepGroup group : steps(run)) {
            if (group.steps() != null) {
                for (WorkflowRunLog.Step step : group.steps()) {
                    steps.add(group.type() + ":" + step.stepName() + "=" + step.state());
                }
            }
        }
        String failure = (run.failureFunction() != null)
                ? "; failed with " + run.failureFunction().failStatus() + " " + run.failureFunction().failResponse()
                : "";
        return "state " + run.workflowState() + ", steps " + steps + failure;
    }

    private Optional<DlqMessage> dlqEntry(String messageId) {
        for (DlqMessage entry : this.api.dlq().listAll(new DlqFilter().messageId(messageId))) {
            return Optional.of(entry);
        }
        return Optional.empty();
    }

    private List<ReceivedDelivery> attemptsOf(String messageId) {
        return received().stream().filter((delivery) -> messageId.equals(delivery.messageId())).toList();
    }

    private <T> T poll(String what, Callable<T> supplier, Predicate<? super T> condition, Callable<String> seen) {
        try {
            return await().alias(what)
                .atMost(this.awaitTimeout)
                .pollInterval(POLL_INTERVAL)
                .pollDelay(Duration.ZERO)
                .until(supplier, condition::test);
        }
        catch (ConditionTimeoutException ex) {
            String observed;
            try {
                observed = seen.call();
            }
            catch (Exception describeFailure) {
                observed = describeFailure.toString();
            }
            throw new AssertionError(
                    "Timed out after " + this.awaitTimeout.toSeconds() + "s waiting for " + what + "; " + observed, ex);
        }
    }

}
