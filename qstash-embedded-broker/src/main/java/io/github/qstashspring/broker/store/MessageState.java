package io.github.qstashspring.broker.store;

/**
 * Where a stored message is in its life. Delivered and cancelled messages are deleted.
 */
public enum MessageState {

    /** Waiting for its turn in a FIFO queue. */
    QUEUED,

    /**
     * Due for delivery at {@code nextDeliveryAt} (immediately, delayed or waiting for a
     * retry).
     */
    PENDING,

    /** Claimed by a dispatcher: a delivery attempt is running under a lease. */
    ACTIVE,

    /** Retries exhausted or non-retryable: the message is in the dead letter queue. */
    FAILED

}
