package io.github.qstashspring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import io.github.qstashspring.client.QStashTemplate;
import io.github.qstashspring.client.TransportRetryPolicy;
import org.awaitility.core.ConditionTimeoutException;
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
 */
public final class QStashTestBroker {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final EmbeddedQStashBroker broker;

    private final MutableClock clock;

    private final DeliveryRecorder recorder;

    private final Environment environment;

    private final QStashTemplate api;

    private volatile Duration awaitTimeout = Duration.ofSeconds(10);

    QStashTestBroker(EmbeddedQStashBroker broker, QStashBrokerClock clock, DeliveryRecorder recorder,
            Environment environment) {
        if (!(clock.clock() instanceof MutableClock mutable)) {
            throw new IllegalStateException("@EmbeddedQStash needs the broker to run on its MutableClock, not on "
                    + clock.clock() + "; remove the test's own QStashBrokerClock bean");
        }
        this.broker = broker;
        this.clock = mutable;
        this.recorder = recorder;
        this.environment = environment;
        this.api = QStashTemplate.builder()
            .url(broker.getUrl())
            .token(broker.getToken())
            .jsonMapper(JsonMapper.shared())
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
     * the DLQ), logs and deduplication ids, and forgets the recorded requests.
     * Configuration stays: signing keys, queues, flow-control keys (each starts a new
     * rate period, so the deliveries of earlier tests do not use up the rate while the
     * clock stands still), schedules (such as those {@code @QStashSchedule} created at
     * startup) and URL groups. Waits first for running deliveries to finish. The clock is
     * not moved back. Call it in {@code @BeforeEach} when tests must not see each other's
     * data; it affects every test that shares this context, including ones running in
     * parallel.
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
