package io.github.qstashspring.broker.store;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A message as stored: waiting ({@link State#QUEUED}), due or delayed
 * ({@link State#PENDING}), being delivered ({@link State#ACTIVE}) or in the dead letter
 * queue ({@link State#FAILED}). Delivered and cancelled messages are deleted; their
 * history stays in the logs.
 *
 * @param id the message id
 * @param seq the arrival order, drawn from a sequence when the message is inserted (FIFO
 * queues, stable listings)
 * @param state where the message is in its life
 * @param nextDeliveryAt when it is due, epoch milliseconds
 * @param leaseUntil until when the claim of an {@code ACTIVE} message holds, or
 * {@code null}
 * @param cancelRequested whether a cancel arrived while its delivery was running
 * @param envelope where and how it is delivered (also written on each log entry)
 * @param turnQueue for a callback, the queue whose turn it holds, or {@code null}
 * @param headers the headers sent with each delivery
 * @param body the body
 * @param retried retries done so far
 * @param callbackOptions how the callback is sent, or {@code null}
 * @param failureCallbackOptions how the failure callback is sent, or {@code null}
 * @param flowParallelism the parallelism the message asks for its flow-control key
 * @param flowRate the rate the message asks for its flow-control key
 * @param flowPeriod the rate period (seconds) the message asks for its flow-control key
 * @param redact the {@code Upstash-Redact-Fields} value, or {@code null}
 * @param notBefore the first delivery time, epoch milliseconds
 * @param createdAt epoch milliseconds
 * @param deadLetter its dead letter queue entry, {@code null} unless {@code FAILED}
 */
public record StoredMessage(String id, long seq, State state, long nextDeliveryAt, @Nullable Long leaseUntil,
        boolean cancelRequested, Envelope envelope, @Nullable String turnQueue, Map<String, List<String>> headers,
        byte[] body, int retried, @Nullable CallbackOptions callbackOptions,
        @Nullable CallbackOptions failureCallbackOptions, @Nullable Integer flowParallelism, @Nullable Integer flowRate,
        @Nullable Long flowPeriod, @Nullable String redact, long notBefore, long createdAt,
        @Nullable DeadLetter deadLetter) {

    /**
     * A new message id: {@code msg_} and 32 letters or digits, the first 8 the current
     * time in milliseconds, so that ids made together sort together (the indexes on
     * message ids then grow at their end).
     * @return the id
     */
    public static String newId() {
        return Ids.messageId();
    }

    /**
     * @return the queue whose turn this message holds: its own queue, or its source's for
     * a callback
     */
    public @Nullable String turnQueueName() {
        return (this.envelope.queueName() != null) ? this.envelope.queueName() : this.turnQueue;
    }

    /**
     * Whether the message waits for nothing but its time, and that time has come.
     * @param now epoch milliseconds
     * @return whether it is pending and due
     */
    public boolean isDueAt(long now) {
        return this.state == State.PENDING && this.nextDeliveryAt <= now;
    }

    /**
     * This message in another state.
     * @param newState the state
     * @return the changed copy
     */
    public StoredMessage withState(State newState) {
        return new StoredMessage(this.id, this.seq, newState, this.nextDeliveryAt, this.leaseUntil,
                this.cancelRequested, this.envelope, this.turnQueue, this.headers, this.body, this.retried,
                this.callbackOptions, this.failureCallbackOptions, this.flowParallelism, this.flowRate, this.flowPeriod,
                this.redact, this.notBefore, this.createdAt, this.deadLetter);
    }

    /**
     * This message claimed for delivery.
     * @param lease until when the claim holds, epoch milliseconds
     * @return the {@code ACTIVE} copy
     */
    public StoredMessage claimedUntil(long lease) {
        return new StoredMessage(this.id, this.seq, State.ACTIVE, this.nextDeliveryAt, lease, this.cancelRequested,
                this.envelope, this.turnQueue, this.headers, this.body, this.retried, this.callbackOptions,
                this.failureCallbackOptions, this.flowParallelism, this.flowRate, this.flowPeriod, this.redact,
                this.notBefore, this.createdAt, this.deadLetter);
    }

    /**
     * This message holding the turn of a queue (a callback of a queued message).
     * @param queue the queue, or {@code null}
     * @return the changed copy
     */
    public StoredMessage holdingTurnOf(@Nullable String queue) {
        return new StoredMessage(this.id, this.seq, this.state, this.nextDeliveryAt, this.leaseUntil,
                this.cancelRequested, this.envelope, queue, this.headers, this.body, this.retried, this.callbackOptions,
                this.failureCallbackOptions, this.flowParallelism, this.flowRate, this.flowPeriod, this.redact,
                this.notBefore, this.createdAt, this.deadLetter);
    }

    /**
     * This message waiting for its next attempt.
     * @param newRetried the retries done, this one included
     * @param due when the next attempt is due, epoch milliseconds
     * @return the pending copy, without lease
     */
    public StoredMessage retriedAt(int newRetried, long due) {
        return new StoredMessage(this.id, this.seq, State.PENDING, due, null, this.cancelRequested, this.envelope,
                this.turnQueue, this.headers, this.body, newRetried, this.callbackOptions, this.failureCallbackOptions,
                this.flowParallelism, this.flowRate, this.flowPeriod, this.redact, this.notBefore, this.createdAt,
                this.deadLetter);
    }

    /**
     * This message in the dead letter queue.
     * @param entry its DLQ entry
     * @return the failed copy, without lease
     */
    public StoredMessage inDeadLetters(DeadLetter entry) {
        return new StoredMessage(this.id, this.seq, State.FAILED, this.nextDeliveryAt, null, this.cancelRequested,
                this.envelope, this.turnQueue, this.headers, this.body, this.retried, this.callbackOptions,
                this.failureCallbackOptions, this.flowParallelism, this.flowRate, this.flowPeriod, this.redact,
                this.notBefore, this.createdAt, entry);
    }

    /**
     * This message with other delivery content (a workflow message carrying its run's
     * history and headers).
     * @param newHeaders the headers sent with each delivery
     * @param newBody the body
     * @return the changed copy
     */
    public StoredMessage withContent(Map<String, List<String>> newHeaders, byte[] newBody) {
        return new StoredMessage(this.id, this.seq, this.state, this.nextDeliveryAt, this.leaseUntil,
                this.cancelRequested, this.envelope, this.turnQueue, newHeaders, newBody, this.retried,
                this.callbackOptions, this.failureCallbackOptions, this.flowParallelism, this.flowRate, this.flowPeriod,
                this.redact, this.notBefore, this.createdAt, this.deadLetter);
    }

    /**
     * This message with another retry, failure-callback and flow-control configuration (a
     * workflow step inheriting its run's).
     * @param newEnvelope the envelope with the new retries, retry delay, failure callback
     * and flow-control key
     * @param newFailureCallbackOptions how the failure callback is sent, or {@code null}
     * @param parallelism the flow-control parallelism, or {@code null}
     * @param rate the flow-control rate, or {@code null}
     * @param period the flow-control period in seconds, or {@code null}
     * @return the changed copy
     */
    public StoredMessage withConfiguration(Envelope newEnvelope, @Nullable CallbackOptions newFailureCallbackOptions,
            @Nullable Integer parallelism, @Nullable Integer rate, @Nullable Long period) {
        return new StoredMessage(this.id, this.seq, this.state, this.nextDeliveryAt, this.leaseUntil,
                this.cancelRequested, newEnvelope, this.turnQueue, this.headers, this.body, this.retried,
                this.callbackOptions, newFailureCallbackOptions, parallelism, rate, period, this.redact, this.notBefore,
                this.createdAt, this.deadLetter);
    }

    /** Where a stored message is in its life. */
    public enum State {

        /** Waiting for its turn in a FIFO queue. */
        QUEUED,

        /**
         * Due for delivery at {@code nextDeliveryAt} (immediately, delayed or waiting for
         * a retry).
         */
        PENDING,

        /** Claimed by a dispatcher: a delivery attempt is running under a lease. */
        ACTIVE,

        /**
         * Retries exhausted or non-retryable: the message is in the dead letter queue.
         */
        FAILED

    }

    /**
     * Where and how a message is delivered: the columns a message and each of its log
     * entries share.
     *
     * @param url the destination URL, exactly as it is called
     * @param urlHost its host (the {@code host} filter), or {@code null} when it does not
     * parse
     * @param urlPath its raw path (the {@code path} filter), or {@code null}
     * @param topicName the URL group it was published to, or {@code null}
     * @param endpointName the endpoint of that group, or {@code null}
     * @param queueName the FIFO queue, or {@code null}
     * @param scheduleId the schedule whose tick produced it, or {@code null}
     * @param method the HTTP method
     * @param maxRetries the retries allowed
     * @param retryDelayExpression the {@code Upstash-Retry-Delay} expression, or
     * {@code null}
     * @param timeoutMs the per-attempt timeout, or {@code null} for the broker's
     * @param callback the callback URL, or {@code null}
     * @param failureCallback the failure callback URL, or {@code null}
     * @param callerIp the publisher's address, or {@code null}
     * @param labels the labels
     * @param flowControlKey the flow-control key, or {@code null}
     */
    public record Envelope(String url, @Nullable String urlHost, @Nullable String urlPath, @Nullable String topicName,
            @Nullable String endpointName, @Nullable String queueName, @Nullable String scheduleId, String method,
            int maxRetries, @Nullable String retryDelayExpression, @Nullable Long timeoutMs, @Nullable String callback,
            @Nullable String failureCallback, @Nullable String callerIp, List<String> labels,
            @Nullable String flowControlKey) {

        /**
         * This envelope with another retry, failure-callback and flow-control
         * configuration.
         * @param newMaxRetries the retries allowed
         * @param newRetryDelayExpression the retry delay expression, or {@code null}
         * @param newFailureCallback the failure callback URL, or {@code null}
         * @param newFlowControlKey the flow-control key, or {@code null}
         * @return the changed copy
         */
        public Envelope withConfiguration(int newMaxRetries, @Nullable String newRetryDelayExpression,
                @Nullable String newFailureCallback, @Nullable String newFlowControlKey) {
            return new Envelope(this.url, this.urlHost, this.urlPath, this.topicName, this.endpointName, this.queueName,
                    this.scheduleId, this.method, newMaxRetries, newRetryDelayExpression, this.timeoutMs, this.callback,
                    newFailureCallback, this.callerIp, this.labels, newFlowControlKey);
        }

        /**
         * The host of a URL, for the {@code host} filter.
         * @param url a URL
         * @return the host, or {@code null} when it cannot be parsed
         */
        public static @Nullable String hostOf(String url) {
            URI uri = parse(url);
            return (uri != null) ? uri.getHost() : null;
        }

        /**
         * The path of a URL, for the {@code path} filter.
         * @param url a URL
         * @return the raw path, or {@code null} when it cannot be parsed
         */
        public static @Nullable String pathOf(String url) {
            URI uri = parse(url);
            return (uri != null) ? uri.getRawPath() : null;
        }

        private static @Nullable URI parse(String url) {
            try {
                return URI.create(url);
            }
            catch (IllegalArgumentException ex) {
                return null;
            }
        }

    }

    /**
     * How the callback (or failure callback) message of a message is to be sent, from the
     * {@code Upstash-Callback-*} (or {@code Upstash-Failure-Callback-*}) headers of the
     * publish request.
     *
     * @param method the HTTP method, {@code null} for POST
     * @param retries the retries, {@code null} for those of the original message
     * @param timeoutMs the per-attempt timeout in milliseconds, {@code null} for the
     * default
     * @param retryDelayExpression the {@code Retry-Delay} expression, or {@code null}
     * @param delayMs the delay before the callback is sent, {@code null} for none
     * @param headers the headers forwarded to the callback URL
     */
    public record CallbackOptions(@Nullable String method, @Nullable Integer retries, @Nullable Long timeoutMs,
            @Nullable String retryDelayExpression, @Nullable Long delayMs, Map<String, List<String>> headers) {
    }

    /**
     * A message's entry in the dead letter queue: its id there and the last response.
     *
     * @param dlqId the DLQ id
     * @param dlqSeq the order of the DLQ (its listing cursor)
     * @param responseStatus the status of the last attempt, or {@code null} without a
     * response
     * @param responseHeaders the headers of the last response
     * @param responseBody the body of the last response, or {@code null}
     */
    public record DeadLetter(String dlqId, long dlqSeq, @Nullable Integer responseStatus,
            Map<String, List<String>> responseHeaders, byte @Nullable [] responseBody) {
    }

}
