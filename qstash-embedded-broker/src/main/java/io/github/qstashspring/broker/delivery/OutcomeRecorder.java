package io.github.qstashspring.broker.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.DeadLetter;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Applies finished attempts to the database, many per transaction: {@code DELIVERED}
 * (message deleted), {@code ERROR} then {@code RETRY} (next attempt scheduled) or
 * {@code FAILED} (moved to the DLQ), {@code CANCELED} for messages cancelled during their
 * attempt; creates callback and failure-callback messages and passes FIFO queue turns on.
 * <p>
 * The common case, a delivered message without callback or queue turn, is recorded with
 * one batched {@code DELETE} (only while the message is still held under the lease it was
 * delivered with) and one batched log insert for the whole transaction; the others are
 * read again first, since a cancel may have arrived during their attempt.
 */
final class OutcomeRecorder {

    private final TransactionOperations groupCommit;

    private final MessageStore messages;

    private final CallbackMessages callbacks;

    private final Clock clock;

    private final Supplier<Dispatcher.@Nullable WorkflowOutcomes> workflows;

    OutcomeRecorder(TransactionOperations groupCommit, MessageStore messages, CallbackMessages callbacks, Clock clock,
            Supplier<Dispatcher.@Nullable WorkflowOutcomes> workflows) {
        this.groupCommit = groupCommit;
        this.messages = messages;
        this.callbacks = callbacks;
        this.clock = clock;
        this.workflows = workflows;
    }

    /**
     * Records outcomes in one transaction, shared with concurrent publishes.
     * @param outcomes the outcomes
     * @return ids of messages that became due now (callbacks, queue turns, immediate
     * retries)
     */
    List<String> record(List<Outcome> outcomes) {
        List<StoredMessage> plain = new ArrayList<>();
        List<Outcome> others = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            StoredMessage message = outcome.message();
            if (outcome.result().delivered() && message.envelope().callback() == null && message.turnQueueName() == null
                    && !concernsWorkflow(outcome)) {
                plain.add(message);
            }
            else {
                others.add(outcome);
            }
        }
        // Shares the commit of publishes waiting at the same moment (and may run again
        // alone if that shared transaction fails, so it starts from nothing each time).
        return Objects.requireNonNull(this.groupCommit.execute((status) -> {
            List<String> due = new ArrayList<>();
            long now = this.clock.millis();
            boolean[] deleted = this.messages.deleteDelivered(plain);
            for (int i = 0; i < deleted.length; i++) {
                if (deleted[i]) {
                    this.messages.log(plain.get(i), "DELIVERED", now);
                }
            }
            if (!others.isEmpty()) {
                Map<String, StoredMessage> stored = new HashMap<>();
                for (StoredMessage message : this.messages
                    .findAll(others.stream().map((outcome) -> outcome.message().id()).toList())) {
                    stored.put(message.id(), message);
                }
                for (Outcome outcome : others) {
                    apply(outcome, stored.get(outcome.message().id()), now, due);
                }
            }
            return due;
        }));
    }

    private void apply(Outcome outcome, @Nullable StoredMessage stored, long now, List<String> due) {
        if (stored == null || stored.state() != State.ACTIVE
                || !Objects.equals(stored.leaseUntil(), outcome.message().leaseUntil())) {
            // Cancelled and removed meanwhile, or our lease expired and another claim
            // owns it now.
            return;
        }
        AttemptResult result = outcome.result();
        if (result.delivered()) {
            this.messages.log(stored, "DELIVERED", now);
            if (concernsWorkflow(outcome)) {
                this.workflows.get().delivered(stored, result.headers(), now, due);
            }
            callback(stored, result, now, due);
            finish(stored, now, due);
            return;
        }
        this.messages.logError(stored, now, result.status(), result.headers(), responseBody(result),
                (result.error() != null) ? result.error() : "delivery failed");
        callback(stored, result, now, due);
        if (stored.cancelRequested()) {
            this.messages.log(stored, "CANCELED", now);
            finish(stored, now, due);
        }
        else if (result.nonRetryable() || stored.retried() >= stored.envelope().maxRetries()) {
            moveToDlq(stored, result, now, due);
        }
        else {
            long delay = RetryPolicy.delayMillis(stored.retried(), stored.envelope().retryDelayExpression(), result,
                    now);
            StoredMessage retry = stored.retriedAt(stored.retried() + 1, now + delay);
            this.messages.scheduleRetry(retry);
            this.messages.log(retry, "RETRY", now);
            if (delay <= 0) {
                due.add(retry.id());
            }
        }
    }

    private void moveToDlq(StoredMessage message, AttemptResult result, long now, List<String> due) {
        long dlqSeq = this.messages.nextSeq();
        String dlqId = now + "-" + dlqSeq;
        StoredMessage failed = message
            .inDeadLetters(new DeadLetter(dlqId, dlqSeq, result.status(), result.headers(), responseBody(result)));
        this.messages.moveToDeadLetters(failed);
        this.messages.log(failed, "FAILED", now);
        StoredMessage failureCallback = (message.envelope().failureCallback() != null)
                ? this.callbacks.failureCallback(message, result, dlqId, now) : null;
        Dispatcher.WorkflowOutcomes workflows = this.workflows.get();
        if (workflows != null) {
            failureCallback = workflows.failed(failed, result.status(), result.headers(), result.body(), dlqId,
                    failureCallback, now, due);
        }
        if (failureCallback != null) {
            store(failureCallback, now, due);
        }
        passOn(message, now, due);
    }

    /**
     * The body of the attempt's response, or {@code null} when there was no response (a
     * network error, a refused destination): nothing is shown as a response then.
     */
    private static byte @Nullable [] responseBody(AttemptResult result) {
        return (result.status() != null) ? result.body() : null;
    }

    private void callback(StoredMessage message, AttemptResult result, long now, List<String> due) {
        if (message.envelope().callback() != null) {
            StoredMessage callback = this.callbacks.callback(message, result, now);
            Dispatcher.WorkflowOutcomes workflows = this.workflows.get();
            if (workflows != null) {
                callback = workflows.callback(message, callback, now);
            }
            if (callback != null) {
                store(callback, now, due);
            }
        }
    }

    private void store(StoredMessage message, long now, List<String> due) {
        this.messages.insertNow(message);
        if (message.redact() != null) {
            // A callback of a message with Upstash-Redact-Fields carries that message's
            // headers and body (sourceHeader, sourceBody) and its callback headers: its
            // log entry keeps none of them.
            this.messages.logCreated(message, Map.of(), new byte[0], now);
        }
        else {
            this.messages.logCreated(message, message.headers(), message.body(), now);
        }
        if (message.nextDeliveryAt() <= now) {
            due.add(message.id());
        }
    }

    private boolean concernsWorkflow(Outcome outcome) {
        Dispatcher.WorkflowOutcomes workflows = this.workflows.get();
        return workflows != null && outcome.result().delivered()
                && workflows.concerns(outcome.message(), outcome.result().headers());
    }

    private void finish(StoredMessage message, long now, List<String> due) {
        this.messages.delete(message.id());
        passOn(message, now, due);
    }

    private void passOn(StoredMessage message, long now, List<String> due) {
        String queue = message.turnQueueName();
        if (queue != null) {
            // Offer every promoted message, even one that looks due only after 'now': it
            // may have been enqueued while this transaction ran. The claim checks the due
            // time again, so a message that is really delayed stays where it is and the
            // poll finds it later.
            for (StoredMessage next : this.messages.passOnTurns(queue, now)) {
                due.add(next.id());
            }
        }
    }

}
