package io.github.qstashspring.broker.store;

import io.github.qstashspring.broker.store.StoredMessage.CallbackOptions;
import io.github.qstashspring.broker.store.StoredMessage.DeadLetter;
import io.github.qstashspring.broker.store.StoredMessage.State;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code qs_message} as JPA reads and changes it; new messages are inserted by
 * {@link MessageRows}. Updates write only the changed columns, so that a cancel request
 * and a recorded outcome of the same message do not overwrite each other.
 */
@Entity
@DynamicUpdate
@Table(name = "qs_message")
class MessageEntity {

    @Id
    @Column(name = "id")
    private String id = "";

    @Column(name = "seq")
    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "state")
    private State state = State.PENDING;

    @Column(name = "next_delivery_at")
    private long nextDeliveryAt;

    @Column(name = "lease_until")
    private @Nullable Long leaseUntil;

    @Column(name = "cancel_requested")
    private boolean cancelRequested;

    /** {@code null} when Hibernate finds all its columns empty. */
    @Embedded
    private @Nullable EnvelopeColumns envelope = new EnvelopeColumns();

    @Column(name = "turn_queue")
    private @Nullable String turnQueue;

    /** {@code null} when Hibernate finds all its columns empty. */
    @Embedded
    private @Nullable ContentColumns content = new ContentColumns();

    @Column(name = "retried")
    private int retried;

    @Convert(converter = CallbackOptionsConverter.class)
    @Column(name = "callback_options")
    private @Nullable CallbackOptions callbackOptions;

    @Convert(converter = CallbackOptionsConverter.class)
    @Column(name = "failure_callback_options")
    private @Nullable CallbackOptions failureCallbackOptions;

    @Column(name = "flow_parallelism")
    private @Nullable Integer flowParallelism;

    @Column(name = "flow_rate")
    private @Nullable Integer flowRate;

    @Column(name = "flow_period")
    private @Nullable Long flowPeriod;

    @Column(name = "redact")
    private @Nullable String redact;

    @Column(name = "not_before")
    private long notBefore;

    @Column(name = "created_at")
    private long createdAt;

    @Column(name = "dlq_id")
    private @Nullable String dlqId;

    @Column(name = "dlq_seq")
    private @Nullable Long dlqSeq;

    String getId() {
        return this.id;
    }

    long getNextDeliveryAt() {
        return this.nextDeliveryAt;
    }

    long getNotBefore() {
        return this.notBefore;
    }

    /**
     * Gives the message a queue turn.
     * @param due when it is due
     */
    void promote(long due) {
        this.state = State.PENDING;
        this.nextDeliveryAt = due;
    }

    /**
     * Takes the retry columns of a message waiting for its next attempt.
     * @param message the message
     */
    void retry(StoredMessage message) {
        this.state = message.state();
        this.leaseUntil = message.leaseUntil();
        this.retried = message.retried();
        this.nextDeliveryAt = message.nextDeliveryAt();
    }

    /**
     * Takes the columns of a message moved to the dead letter queue.
     * @param message the message, with its DLQ entry
     */
    void fail(StoredMessage message) {
        DeadLetter entry = message.deadLetter();
        this.state = message.state();
        this.leaseUntil = message.leaseUntil();
        if (entry != null) {
            this.dlqId = entry.dlqId();
            this.dlqSeq = entry.dlqSeq();
            ContentColumns columns = ContentColumns.of(this.content);
            columns.respond(entry.responseStatus(), entry.responseHeaders(), entry.responseBody());
            this.content = columns;
        }
    }

    StoredMessage toMessage() {
        ContentColumns columns = ContentColumns.of(this.content);
        DeadLetter entry = (this.dlqId != null) ? new DeadLetter(this.dlqId, (this.dlqSeq != null) ? this.dlqSeq : 0,
                columns.responseStatus(), columns.responseHeaders(), columns.responseBody()) : null;
        byte[] body = columns.body();
        return new StoredMessage(this.id, this.seq, this.state, this.nextDeliveryAt, this.leaseUntil,
                this.cancelRequested, EnvelopeColumns.toEnvelope(this.envelope), this.turnQueue, columns.headers(),
                (body != null) ? body : new byte[0], this.retried, this.callbackOptions, this.failureCallbackOptions,
                this.flowParallelism, this.flowRate, this.flowPeriod, this.redact, this.notBefore, this.createdAt,
                entry);
    }

}
