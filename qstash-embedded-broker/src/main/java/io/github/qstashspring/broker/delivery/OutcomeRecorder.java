package io.github.qstashspring.broker.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.qstashspring.broker.message.LogRecorder;
import io.github.qstashspring.broker.message.QueueTurns;
import io.github.qstashspring.broker.store.GroupCommit;
import io.github.qstashspring.broker.store.MessageClaimer;
import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageRows;
import io.github.qstashspring.broker.store.MessageState;

/**
 * Applies finished attempts to the database, many per transaction: {@code DELIVERED}
 * (message deleted), {@code ERROR} then {@code RETRY} (next attempt scheduled) or
 * {@code FAILED} (moved to the DLQ), {@code CANCELED} for messages cancelled during their
 * attempt; creates callback and failure-callback messages and passes FIFO queue turns on.
 * <p>
 * The common case, a delivered message without callback or queue turn, is recorded with
 * one batched {@code DELETE} (only while the message is still held under the lease it was
 * delivered with) and one batched log insert for the whole transaction; the others go
 * through their entities.
 */
final class OutcomeRecorder {

    private final GroupCommit groupCommit;

    private final MessageRepository messages;

    private final MessageRows rows;

    private final MessageClaimer claimer;

    private final LogRecorder logRecorder;

    private final QueueTurns queueTurns;

    private final CallbackMessages callbacks;

    private final Clock clock;

    OutcomeRecorder(GroupCommit groupCommit, MessageRepository messages, MessageRows rows, MessageClaimer claimer,
            LogRecorder logRecorder, QueueTurns queueTurns, CallbackMessages callbacks, Clock clock) {
        this.groupCommit = groupCommit;
        this.messages = messages;
        this.rows = rows;
        this.claimer = claimer;
        this.logRecorder = logRecorder;
        this.queueTurns = queueTurns;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /**
     * Records outcomes in one transaction, shared with concurrent publishes.
     * @param outcomes the outcomes
     * @return ids of messages that became due now (callbacks, queue turns, immediate
     * retries)
     */
    List<String> record(List<Outcome> outcomes) {
        List<MessageEntity> plain = new ArrayList<>();
        List<Outcome> others = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            MessageEntity message = outcome.message();
            if (outcome.result().delivered() && message.getCallback() == null && message.turnQueueName() == null) {
                plain.add(message);
            }
            else {
                others.add(outcome);
            }
        }
        // Shares the commit of publishes waiting at the same moment (and may run again
        // alone if
        // that shared transaction fails, so it starts from nothing each time).
        return Objects.requireNonNull(this.groupCommit.execute(() -> {
            List<String> due = new ArrayList<>();
            long now = this.clock.millis();
            boolean[] deleted = this.rows.deleteClaimed(plain);
            for (int i = 0; i < deleted.length; i++) {
                if (deleted[i]) {
                    this.logRecorder.record(plain.get(i), "DELIVERED", now);
                }
            }
            if (!others.isEmpty()) {
                this.messages.findAllById(others.stream().map((outcome) -> outcome.message().getId()).toList());
                for (Outcome outcome : others) {
                    apply(outcome, now, due);
                }
            }
            return due;
        }));
    }

    private void apply(Outcome outcome, long now, List<String> due) {
        Optional<MessageEntity> stored = this.messages.findById(outcome.message().getId());
        if (stored.isEmpty() || stored.get().getState() != MessageState.ACTIVE
                || !Objects.equals(stored.get().getLeaseUntil(), outcome.message().getLeaseUntil())) {
            // Cancelled and removed meanwhile, or our lease expired and another claim
            // owns it now.
            return;
        }
        MessageEntity message = stored.get();
        AttemptResult result = outcome.result();
        if (result.delivered()) {
            this.logRecorder.record(message, "DELIVERED", now);
            callback(message, result, now, due);
            finish(message, now, due);
            return;
        }
        this.logRecorder.error(message, now, result.status(), result.headers(), result.body(),
                (result.error() != null) ? result.error() : "delivery failed");
        callback(message, result, now, due);
        if (message.isCancelRequested()) {
            this.logRecorder.record(message, "CANCELED", now);
            finish(message, now, due);
        }
        else if (result.nonRetryable() || message.getRetried() >= message.getMaxRetries()) {
            moveToDlq(message, result, now, due);
        }
        else {
            long delay = RetryPolicy.delayMillis(message.getRetried(), message.getRetryDelayExpression(), result, now);
            message.setRetried(message.getRetried() + 1);
            message.setState(MessageState.PENDING);
            message.setLeaseUntil(null);
            message.setNextDeliveryAt(now + delay);
            this.logRecorder.record(message, "RETRY", now);
            if (delay <= 0) {
                due.add(message.getId());
            }
        }
    }

    private void moveToDlq(MessageEntity message, AttemptResult result, long now, List<String> due) {
        long dlqSeq = this.claimer.nextSeq();
        String dlqId = now + "-" + dlqSeq;
        message.setState(MessageState.FAILED);
        message.setLeaseUntil(null);
        message.setDlqSeq(dlqSeq);
        message.setDlqId(dlqId);
        message.setResponseStatus(result.status());
        message.setResponseHeaders(result.headers());
        message.setResponseBody(result.body());
        this.logRecorder.record(message, "FAILED", now);
        if (message.getFailureCallback() != null) {
            MessageEntity failureCallback = this.callbacks.failureCallback(message, result, dlqId,
                    this.claimer.nextSeq(), now);
            failureCallback.setTurnQueue(message.turnQueueName());
            store(failureCallback, now, due);
        }
        passOn(message, now, due);
    }

    private void callback(MessageEntity message, AttemptResult result, long now, List<String> due) {
        if (message.getCallback() != null) {
            MessageEntity callback = this.callbacks.callback(message, result, this.claimer.nextSeq(), now);
            callback.setTurnQueue(message.turnQueueName());
            store(callback, now, due);
        }
    }

    private void store(MessageEntity message, long now, List<String> due) {
        this.messages.save(message);
        this.logRecorder.record(message, "CREATED", now);
        if (message.getNextDeliveryAt() <= now) {
            due.add(message.getId());
        }
    }

    private void finish(MessageEntity message, long now, List<String> due) {
        this.messages.delete(message);
        passOn(message, now, due);
    }

    private void passOn(MessageEntity message, long now, List<String> due) {
        String queue = message.turnQueueName();
        if (queue != null) {
            this.messages.flush();
            // Offer every promoted message, even one that looks due only after 'now': it
            // may have
            // been enqueued while this transaction ran. The claim checks the due time
            // again, so a
            // message that is really delayed stays where it is and the poll finds it
            // later.
            for (MessageEntity next : this.queueTurns.passOn(queue, now)) {
                due.add(next.getId());
            }
        }
    }

}
