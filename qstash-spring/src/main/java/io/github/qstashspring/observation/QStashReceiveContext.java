package io.github.qstashspring.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Observation.Context} of one delivery received by a {@code @QStashListener}:
 * filled in as the delivery is verified and handled, read by the
 * {@link QStashListenerObservationConvention} when the observation stops.
 */
public class QStashReceiveContext extends Observation.Context {

    private final String listenerId;

    private final String path;

    private @Nullable String messageId;

    private int retried;

    private QStashReceiveOutcome outcome = QStashReceiveOutcome.REJECTED;

    private int status;

    /**
     * Creates a context for a delivery to a listener.
     * @param listenerId the listener's id
     * @param path the listener's path
     */
    public QStashReceiveContext(String listenerId, String path) {
        this.listenerId = listenerId;
        this.path = path;
    }

    /**
     * The listener's id.
     * @return the id
     */
    public String getListenerId() {
        return this.listenerId;
    }

    /**
     * The listener's path.
     * @return the path pattern
     */
    public String getPath() {
        return this.path;
    }

    /**
     * The {@code Upstash-Message-Id}, once the signature was verified.
     * @return the message id, or {@code null}
     */
    public @Nullable String getMessageId() {
        return this.messageId;
    }

    /**
     * Sets the message id.
     * @param messageId the message id
     */
    public void setMessageId(@Nullable String messageId) {
        this.messageId = messageId;
    }

    /**
     * The {@code Upstash-Retried} count ({@code 0} on a first attempt).
     * @return the number of earlier attempts
     */
    public int getRetried() {
        return this.retried;
    }

    /**
     * Sets the retried count.
     * @param retried the number of earlier attempts
     */
    public void setRetried(int retried) {
        this.retried = retried;
    }

    /**
     * How the delivery ended.
     * @return the outcome
     */
    public QStashReceiveOutcome getOutcome() {
        return this.outcome;
    }

    /**
     * Sets the outcome.
     * @param outcome the outcome
     */
    public void setOutcome(QStashReceiveOutcome outcome) {
        this.outcome = outcome;
    }

    /**
     * The HTTP status answered to QStash.
     * @return the status, {@code 0} until answered
     */
    public int getStatus() {
        return this.status;
    }

    /**
     * Sets the HTTP status answered.
     * @param status the status
     */
    public void setStatus(int status) {
        this.status = status;
    }

}
