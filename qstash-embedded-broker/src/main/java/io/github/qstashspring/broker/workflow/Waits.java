package io.github.qstashspring.broker.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.store.WorkflowStore;
import io.github.qstashspring.broker.store.WorkflowStore.Notification;
import io.github.qstashspring.broker.store.WorkflowStore.Run;
import io.github.qstashspring.broker.store.WorkflowStore.Waiter;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code waitForEvent} and its ends: a run's waiter is stored until an event arrives
 * ({@code notify}, a webhook call) or its deadline passes; either way the waiting step's
 * result is published to the run as its next step ({@code callType: step}, {@code out} =
 * base64 of the event data, or {@code waitTimeout: true}). An event for one run that
 * arrives before its waiter is kept for it (run-scoped notify and webhooks); a broadcast
 * notify reaches only the waiters present. Each waiter ends once, also across brokers
 * sharing the database.
 */
final class Waits {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofDays(7);

    private final TransactionOperations transactions;

    private final WorkflowStore runs;

    private final PublishService publisher;

    private final JsonMapper json;

    private final Clock clock;

    Waits(TransactionOperations transactions, WorkflowStore runs, PublishService publisher, JsonMapper json,
            Clock clock) {
        this.transactions = transactions;
        this.runs = runs;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Registers a waiter ({@code POST /v2/wait/<eventId>}), or ends the wait at once with
     * an event kept for the run.
     * @param eventId the event id
     * @param headers the request's headers: the publish headers of the step that ends the
     * wait
     * @param body the request: {@code url}, {@code timeout}, {@code timeoutUrl},
     * {@code timeoutHeaders}, {@code timeoutBody}, {@code step}
     */
    void await(String eventId, RequestHeaders headers, JsonNode body) {
        String runId = headers.first("upstash-workflow-runid");
        String url = text(body, "url");
        JsonNode step = body.get("step");
        if (runId == null || url == null || !(step instanceof ObjectNode)) {
            throw BrokerException
                .badRequest("a wait needs the Upstash-Workflow-RunId header and url and step in its body");
        }
        String timeout = text(body, "timeout");
        long timeoutMillis = (timeout != null) ? parseTimeout(timeout) : DEFAULT_TIMEOUT.toMillis();
        String timeoutBody = text(body, "timeoutBody");
        inTransaction((due) -> {
            long now = this.clock.millis();
            Run run = this.runs.findRun(runId)
                .filter(Run::isRunning)
                .orElseThrow(() -> BrokerException
                    .badRequest("workflow run " + runId + " is not running (it ended, or does not exist)"));
            Waiter waiter = new Waiter(this.runs.newWaiterId(), run.runId(), eventId, url, publishHeaders(headers),
                    timeout, now + timeoutMillis, text(body, "timeoutUrl"), headerMap(body.get("timeoutHeaders")),
                    (timeoutBody != null) ? timeoutBody.getBytes(StandardCharsets.UTF_8) : null,
                    this.json.writeValueAsString(step), now);
            Notification kept = this.runs.takeNotification(run.runId(), eventId).orElse(null);
            if (kept != null) {
                resolve(waiter, kept.body(), due);
            }
            else {
                this.runs.insertWaiter(waiter);
            }
            return null;
        });
    }

    /**
     * Notifies the waiters of an event.
     * @param eventId the event id
     * @param runId only the waiter of this run (the event is kept for the run when it
     * does not wait yet), or {@code null} for every waiter present now
     * @param data the event data
     * @return the notified waiters with the messages that carry the event to them; for a
     * kept event, one entry without waiter
     */
    List<Notified> notify(String eventId, @Nullable String runId, byte[] data) {
        return Objects.requireNonNull(inTransaction((due) -> {
            List<Notified> notified = new ArrayList<>();
            long now = this.clock.millis();
            Run run = null;
            if (runId != null) {
                run = this.runs.findRun(runId)
                    .orElseThrow(() -> BrokerException.notFound("workflow run " + runId + " not found"));
                if (!run.isRunning()) {
                    throw BrokerException.badRequest("workflow run " + runId + " is not running");
                }
            }
            for (Waiter waiter : this.runs.takeWaiters(eventId, runId)) {
                Run waiting = this.runs.findRun(waiter.runId()).orElse(null);
                notified.add(new Notified(waiter, resolve(waiter, data, due), waiter.runId(),
                        (waiting != null) ? waiting.createdAt() : 0));
            }
            if (notified.isEmpty() && run != null) {
                this.runs.insertNotification(
                        new Notification(this.runs.newNotificationId(), run.runId(), eventId, data, now));
                notified.add(new Notified(null, "", run.runId(), run.createdAt()));
            }
            return notified;
        }));
    }

    /**
     * Ends the waits whose deadline passed: each waiting step gets
     * {@code waitTimeout: true}.
     * @return how many timed out
     */
    int timeOutExpired() {
        Integer count = inTransaction((due) -> {
            List<Waiter> expired = this.runs.takeExpiredWaiters(this.clock.millis(), 100);
            for (Waiter waiter : expired) {
                ObjectNode step = stepResult(waiter);
                step.put("waitTimeout", true);
                String url = (waiter.timeoutUrl() != null) ? waiter.timeoutUrl() : waiter.url();
                Map<String, List<String>> headers = waiter.timeoutHeaders().isEmpty() ? waiter.headers()
                        : waiter.timeoutHeaders();
                publish(url, headers, step, due);
            }
            return expired.size();
        });
        return (count != null) ? count : 0;
    }

    /**
     * @return when the next wait times out, epoch milliseconds, or {@code null}
     */
    @Nullable Long nextDeadline() {
        return this.transactions.execute((status) -> this.runs.earliestDeadline());
    }

    /**
     * @param eventId an event id
     * @return its waiters
     */
    List<Waiter> waiters(String eventId) {
        return Objects.requireNonNull(this.transactions.execute((status) -> this.runs.waiters(eventId)));
    }

    private String resolve(Waiter waiter, byte[] data, List<String> due) {
        ObjectNode step = stepResult(waiter);
        step.put("out", Base64.getEncoder().encodeToString(data));
        step.put("waitTimeout", false);
        return publish(waiter.url(), waiter.headers(), step, due);
    }

    private String publish(String url, Map<String, List<String>> headers, ObjectNode step, List<String> due) {
        try {
            return this.publisher.publishInTransaction(url, RequestHeaders.of(headers),
                    this.json.writeValueAsBytes(step), due);
        }
        catch (BrokerException ex) {
            // The run ended since: the event has nobody to go to.
            return "";
        }
    }

    private ObjectNode stepResult(Waiter waiter) {
        ObjectNode step = (ObjectNode) this.json.readTree(waiter.step());
        step.put("waitEventId", waiter.eventId());
        if (waiter.timeout() != null) {
            step.put("timeout", waiter.timeout());
        }
        return step;
    }

    private <T> @Nullable T inTransaction(Function<List<String>, @Nullable T> work) {
        List<String> due = new ArrayList<>();
        T result = this.transactions.execute((status) -> work.apply(due));
        this.publisher.handOff(due);
        return result;
    }

    /** The headers that publish the step ending a wait: the request's Upstash ones. */
    private static Map<String, List<String>> publishHeaders(RequestHeaders headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : headers.names()) {
            if (name.startsWith("upstash-") || name.equals("content-type")) {
                kept.put(name, headers.all(name));
            }
        }
        return kept;
    }

    private static Map<String, List<String>> headerMap(@Nullable JsonNode node) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (var header : node.properties()) {
                List<String> values = new ArrayList<>();
                if (header.getValue().isArray()) {
                    header.getValue().forEach((value) -> values.add(value.asString()));
                }
                else {
                    values.add(header.getValue().asString());
                }
                headers.merge(header.getKey().toLowerCase(Locale.ROOT), values, (a, b) -> a);
            }
        }
        return headers;
    }

    private static long parseTimeout(String timeout) {
        try {
            long millis = DurationStyle.SIMPLE.parse(timeout.trim(), ChronoUnit.SECONDS).toMillis();
            if (millis > 0) {
                return millis;
            }
        }
        catch (IllegalArgumentException ex) {
            // answered below
        }
        throw BrokerException.badRequest("invalid wait timeout: " + timeout + " (e.g. 30s, 10m, 7d)");
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return (value != null && !value.isNull()) ? value.asString() : null;
    }

    /**
     * A waiter reached by a notify.
     *
     * @param waiter the waiter, or {@code null} when the event was kept for its run
     * @param messageId the message carrying the event to the run ({@code ""} when kept)
     * @param runId the run
     * @param runCreatedAt the run's creation time
     */
    record Notified(@Nullable Waiter waiter, String messageId, String runId, long runCreatedAt) {
    }

}
