package io.github.qstashspring.broker.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.store.StoredMessage;
import org.jspecify.annotations.Nullable;

/**
 * The broker's dispatcher as the rest of the broker sees it: how committed messages that
 * are due now reach it without waiting for its poll, how due work is run at once (after
 * the clock moved), and the keys it signs deliveries with.
 * <p>
 * Two ways in for due messages: {@link #offer} hands over ids, which the dispatcher
 * claims in a transaction of its own; and a publisher that finds free delivery slots
 * ({@link #reserve}) stores its messages already claimed (state {@code ACTIVE} under
 * {@link #leaseUntil}) in its own transaction and, once that committed, passes them to
 * {@link #deliverClaimed}, which saves the claim transaction and reloading the message. A
 * claimed message that never reaches the dispatcher (a crash between the commit and the
 * hand-off) is delivered again when its lease expires, like any other claim.
 */
public interface Dispatcher {

    /**
     * Checks an {@code Upstash-Retry-Delay} expression, the way the dispatcher will
     * evaluate it before each retry.
     * @param expression the header value, e.g. {@code pow(2, retried) * 1000}
     * @return the expression as it is stored (trimmed)
     * @throws io.github.qstashspring.broker.api.BrokerException (400) when the text is
     * not a valid expression
     */
    static String checkRetryDelay(String expression) {
        return RetryDelayExpression.parse(expression).getText();
    }

    /**
     * Checks a URL that deliveries or callbacks will call against the broker's
     * destination policy, when it is accepted (publish, callback, URL group endpoint). A
     * host that resolves now must resolve to allowed addresses only; each delivery is
     * judged again on the addresses its connection uses.
     * @param url the URL
     * @throws io.github.qstashspring.broker.api.BrokerException (400) when it is denied
     */
    void checkDestination(String url);

    /**
     * Offers committed message ids for immediate delivery; ids not due or already claimed
     * are skipped by the claim.
     * @param messageIds the ids
     */
    void offer(Collection<String> messageIds);

    /**
     * Reserves a delivery slot for a message the caller is about to store already
     * claimed. None is given while the dispatcher still has older handed-over messages to
     * claim, so that new messages do not overtake a backlog, when it is stopping, or when
     * the message's destination host holds its share of the slots.
     * @param message the message, not yet stored
     * @return whether a slot was reserved
     */
    boolean reserve(StoredMessage message);

    /**
     * Gives back slots reserved for messages that were not stored (the storing
     * transaction rolled back).
     * @param messages the messages
     */
    void release(List<StoredMessage> messages);

    /**
     * The lease under which a message claimed now is held.
     * @param now epoch milliseconds on the broker's clock
     * @return when the lease ends, epoch milliseconds
     */
    long leaseUntil(long now);

    /**
     * Delivers messages stored already claimed, in slots reserved by {@link #reserve};
     * call after the commit that stored them.
     * @param messages the committed messages
     */
    void deliverClaimed(List<StoredMessage> messages);

    /**
     * Looks for due work now instead of at the next poll: every {@link DueWork} bean of
     * the broker's context runs (schedule ticks fire), claims whose lease expired on the
     * broker's clock are released, all before it returns; delayed, retried and released
     * messages whose time has come are then claimed and delivered in the background.
     */
    void runDueWork();

    /**
     * Whether no delivery is running or waiting to be recorded, and nothing was handed
     * over unclaimed.
     * @return whether the dispatcher is idle
     */
    boolean isIdle();

    /**
     * Whether the dispatcher is started and its claim loop alive.
     * @return whether messages are being dispatched
     */
    boolean isDispatching();

    /**
     * The deliveries this broker is running now.
     * @return how many messages are being sent or wait for their outcome to be recorded
     */
    int inFlight();

    /**
     * @return the key deliveries are signed with now
     */
    String currentSigningKey();

    /**
     * @return the key that becomes current at the next rotation
     */
    String nextSigningKey();

    /**
     * Work of another package that becomes due when the broker's clock moves, run first
     * by {@link #runDueWork()}: a bean of this type in the broker's context takes part.
     */
    @FunctionalInterface
    interface DueWork {

        /** Does the work that is due now on the broker's clock. */
        void run();

    }

    /**
     * Told of each finished delivery attempt (the broker's metrics): a bean of this type
     * in the broker's context takes part. It is called on the delivery thread, before the
     * outcome is recorded, and must return quickly.
     */
    @FunctionalInterface
    interface AttemptObserver {

        /**
         * A delivery attempt finished.
         * @param status the destination's HTTP status, or {@code null} when no response
         * arrived (connection refused, timeout)
         * @param nanos how long the attempt took, from the request to the response
         */
        void attempted(@Nullable Integer status, long nanos);

    }

    /**
     * Takes part in recording the outcomes of a workflow run's messages (a bean of this
     * type in the broker's context): ends runs, records the history of
     * {@code context.call} callbacks and completes failure callbacks. Every method but
     * {@link #concerns} runs inside the transaction that records the outcome.
     */
    interface WorkflowOutcomes {

        /**
         * Whether an attempt's outcome needs this hook when it succeeded; called on the
         * delivery thread, so it must be cheap.
         * @param message the message delivered
         * @param responseHeaders the response's headers (canonical names)
         * @return whether {@link #delivered} must be called
         */
        boolean concerns(StoredMessage message, Map<String, List<String>> responseHeaders);

        /**
         * A message it {@linkplain #concerns concerns} was delivered.
         * @param message the message
         * @param responseHeaders the response's headers (canonical names)
         * @param now epoch milliseconds
         * @param due receives the ids of messages that became due
         */
        void delivered(StoredMessage message, Map<String, List<String>> responseHeaders, long now, List<String> due);

        /**
         * Completes the callback of an attempt before it is stored.
         * @param source the message attempted
         * @param callback the callback message as built for a plain message
         * @param now epoch milliseconds
         * @return the callback to store, or {@code null} when none must be sent
         */
        @Nullable StoredMessage callback(StoredMessage source, StoredMessage callback, long now);

        /**
         * A message moved to the dead letter queue.
         * @param message the message
         * @param status the last response's status, or {@code null}
         * @param responseHeaders the last response's headers
         * @param responseBody the last response's body
         * @param dlqId its DLQ entry
         * @param failureCallback the failure callback as built for a plain message, or
         * {@code null}
         * @param now epoch milliseconds
         * @param due receives the ids of messages that became due
         * @return the failure callback to store, or {@code null} for none
         */
        @Nullable StoredMessage failed(StoredMessage message, @Nullable Integer status, Map<String, List<String>> responseHeaders,
                byte[] responseBody, String dlqId, @Nullable StoredMessage failureCallback, long now, List<String> due);

    }

}
