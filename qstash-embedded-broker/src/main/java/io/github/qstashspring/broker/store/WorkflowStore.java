package io.github.qstashspring.broker.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.github.qstashspring.broker.store.StoredMessage.CallbackOptions;
import org.jspecify.annotations.Nullable;

/**
 * The store's door for Upstash Workflow: runs, their step history, the waiters of
 * {@code waitForEvent} and run-scoped notifications. Call every method inside a broker
 * transaction; appends to one run are serialised by the run's row, so that every entry
 * sees the entries before it.
 */
public interface WorkflowStore {

    /** A run that still runs. */
    String STARTED = "RUN_STARTED";

    /** A run whose route function returned. */
    String SUCCESS = "RUN_SUCCESS";

    /** A run that failed. */
    String FAILED = "RUN_FAILED";

    /** A run cancelled. */
    String CANCELED = "RUN_CANCELED";

    /**
     * @return a new run id: {@code wfr_} and 21 random letters and digits, the shape the
     * SDKs give their run ids
     */
    default String newRunId() {
        return "wfr_" + Ids.random(21);
    }

    /**
     * @return a new waiter id
     */
    default String newWaiterId() {
        return "wtr_" + Ids.random(24);
    }

    /**
     * @return a new id of a kept notification
     */
    default String newNotificationId() {
        return "ntf_" + Ids.random(24);
    }

    /**
     * Creates a run with its first history entry (the initial payload).
     * @param run the run, state {@link #STARTED}
     * @param first the entry at position 0
     * @throws org.springframework.dao.DataIntegrityViolationException when the run id is
     * taken (by a concurrent trigger)
     */
    void createRun(Run run, Entry first);

    /**
     * @param runId a run id
     * @return the run, in any state
     */
    Optional<Run> findRun(String runId);

    /**
     * Runs matching a filter, newest first.
     * @param filter the filter
     * @param after the last run of the previous page (runs after it in the order are
     * returned), or {@code null} for the first page
     * @param limit the most runs returned
     * @return the runs
     */
    List<Run> findRuns(RunFilter filter, @Nullable Run after, int limit);

    /**
     * The workflow DLQ: failed runs whose DLQ entry (that of the message that failed the
     * run) is still in the dead letter queue, in the order the entries entered it.
     * @param filter which entries
     * @param afterDlqSeq only entries after this DLQ sequence number (the page cursor),
     * or {@code null}
     * @param limit the most runs returned
     * @return the runs, each with its {@link Run#dlqId()}
     */
    List<Run> deadLetters(DeadLetterFilter filter, @Nullable Long afterDlqSeq, int limit);

    /**
     * Appends an entry to the history of a run that is still {@link #STARTED}.
     * @param runId the run
     * @param messageId the message the entry is for
     * @param callType {@code step}, {@code toCallback} or {@code fromCallback}
     * @param body the raw body of the message
     * @param now epoch milliseconds
     * @return the entry's position, or empty when the run is not running
     */
    OptionalInt append(String runId, String messageId, String callType, byte[] body, long now);

    /**
     * The history of a run up to a position.
     * @param runId the run
     * @param upTo the last position included
     * @return the entries in append order
     */
    List<Entry> history(String runId, int upTo);

    /**
     * The entry of a message.
     * @param messageId a message id
     * @return the run and position of the message's history entry, if it has one
     */
    Optional<EntryRef> entryOf(String messageId);

    /**
     * Completes the unknown-SDK handshake of a run triggered through the REST API: the
     * SDK's own trigger replaces the initial entry.
     * @param runId the run
     * @param messageId the message of the SDK's trigger
     * @param body the initial payload it carries
     * @return whether the run was waiting for it
     */
    boolean completeHandshake(String runId, String messageId, byte[] body);

    /**
     * Ends a run that is still {@link #STARTED}.
     * @param runId the run
     * @param state its final state
     * @param now epoch milliseconds
     * @param responseBody the route function's result, or {@code null}
     * @param dlqId the DLQ entry of a failed run, or {@code null}
     * @param error why it failed, or {@code null}
     * @return whether the run was running (and is now ended)
     */
    boolean finish(String runId, String state, long now, byte @Nullable [] responseBody, @Nullable String dlqId,
            @Nullable String error);

    /**
     * Records the state of a run's failure callback.
     * @param runId the run
     * @param messageId the failure callback's message
     * @param state {@code CALLBACK_INPROGRESS}, {@code CALLBACK_SUCCESS} or
     * {@code CALLBACK_FAIL}
     */
    void failureCallback(String runId, String messageId, String state);

    /**
     * The ids of the run's messages still stored (pending, queued or being delivered),
     * DLQ entries excepted.
     * @param runId the run
     * @return the message ids
     */
    List<String> liveMessageIds(String runId);

    /**
     * Stores a waiter.
     * @param waiter the waiter
     */
    void insertWaiter(Waiter waiter);

    /**
     * Removes and returns the waiters of an event (each is returned by one caller only).
     * @param eventId the event id
     * @param runId only those of this run, or {@code null} for every run
     * @return the waiters taken
     */
    List<Waiter> takeWaiters(String eventId, @Nullable String runId);

    /**
     * @param eventId the event id
     * @return its waiters, oldest first
     */
    List<Waiter> waiters(String eventId);

    /**
     * Removes and returns waiters whose deadline passed (each is returned by one caller
     * only, also across brokers sharing the database).
     * @param now epoch milliseconds
     * @param limit the most returned
     * @return the waiters taken
     */
    List<Waiter> takeExpiredWaiters(long now, int limit);

    /**
     * @return the earliest waiter deadline, epoch milliseconds, or {@code null}
     */
    @Nullable Long earliestDeadline();

    /**
     * Stores a notification for a run that has no waiter for it yet.
     * @param notification the notification
     */
    void insertNotification(Notification notification);

    /**
     * Removes and returns the oldest stored notification of a run for an event.
     * @param runId the run
     * @param eventId the event
     * @return the notification, if one was stored
     */
    Optional<Notification> takeNotification(String runId, String eventId);

    /**
     * Deletes the waiters and notifications of an ended run.
     * @param runId the run
     */
    void deleteWaits(String runId);

    /**
     * Deletes runs (with their history) that ended before a time.
     * @param time epoch milliseconds
     * @return how many were deleted
     */
    int deleteRunsEndedBefore(long time);

    /**
     * A workflow run.
     *
     * @param runId the run id
     * @param url the workflow URL
     * @param state {@link #STARTED}, {@link #SUCCESS}, {@link #FAILED} or
     * {@link #CANCELED}
     * @param createdAt epoch milliseconds
     * @param completedAt when it ended, or {@code null}
     * @param awaitingSdk whether it was triggered through the REST API and its SDK did
     * not answer the handshake yet
     * @param callerIp the trigger's caller
     * @param labels the labels
     * @param config what the trigger configured for the whole run
     * @param forwardedHeaders the trigger's forwarded headers (prefix removed)
     * @param initialBody the initial payload
     * @param responseBody the route function's result, or {@code null}
     * @param invoker the invoking run's envelope (JSON), or {@code null}
     * @param dlqId the DLQ entry of a failed run, or {@code null}
     * @param error why a failed run failed, or {@code null}
     * @param failureMessageId the failure callback's message, or {@code null}
     * @param failureState the failure callback's state, or {@code null}
     */
    record Run(String runId, String url, String state, long createdAt, @Nullable Long completedAt, boolean awaitingSdk,
            @Nullable String callerIp, List<String> labels, RunConfig config,
            Map<String, List<String>> forwardedHeaders, byte[] initialBody, byte @Nullable [] responseBody,
            @Nullable String invoker, @Nullable String dlqId, @Nullable String error, @Nullable String failureMessageId,
            @Nullable String failureState) {

        /**
         * @return whether the run still runs
         */
        public boolean isRunning() {
            return STARTED.equals(this.state);
        }

    }

    /**
     * What a trigger configures for every message of its run.
     *
     * @param retries the retries of each step
     * @param retryDelay the retry delay expression, or {@code null}
     * @param flowControlKey the flow-control key, or {@code null}
     * @param parallelism its parallelism, or {@code null}
     * @param rate its rate, or {@code null}
     * @param periodSeconds its period, or {@code null}
     * @param failureCallback the failure callback URL, or {@code null}
     * @param failureCallbackOptions how the failure callback is sent, or {@code null}
     */
    record RunConfig(int retries, @Nullable String retryDelay, @Nullable String flowControlKey,
            @Nullable Integer parallelism, @Nullable Integer rate, @Nullable Long periodSeconds,
            @Nullable String failureCallback, @Nullable CallbackOptions failureCallbackOptions) {
    }

    /**
     * Which runs to list.
     *
     * @param runIds only these run ids (empty: any)
     * @param url only runs of this workflow URL, or {@code null}
     * @param urlPrefix whether {@code url} is a prefix
     * @param states only these states (empty: any)
     * @param label only runs with this label, or {@code null}
     * @param fromDate created at or after (epoch ms), or {@code null}
     * @param toDate created at or before (epoch ms), or {@code null}
     * @param createdAt created exactly then, or {@code null}
     * @param callerIp only runs triggered from this address, or {@code null}
     * @param flowControlKey only runs with this flow-control key, or {@code null}
     */
    record RunFilter(List<String> runIds, @Nullable String url, boolean urlPrefix, List<String> states,
            @Nullable String label, @Nullable Long fromDate, @Nullable Long toDate, @Nullable Long createdAt,
            @Nullable String callerIp, @Nullable String flowControlKey) {

        /** Every run. */
        public static final RunFilter ALL = new RunFilter(List.of(), null, false, List.of(), null, null, null, null,
                null, null);

    }

    /**
     * Which entries of the workflow DLQ to list. Each non-empty list must match, by one
     * of its values; each non-null value must match.
     *
     * @param dlqIds the DLQ ids
     * @param runIds the run ids
     * @param workflowUrls the runs' workflow URLs (exact)
     * @param urls the URLs the failed messages were sent to
     * @param responseStatuses the status of the failed messages' last response
     * @param labels labels of the runs
     * @param failureStates the states of the runs' failure callbacks
     * @param callerIps the runs' callers
     * @param flowControlKeys the runs' flow-control keys
     * @param createdAt the runs' creation time (epoch ms), or {@code null}
     * @param fromDate failed (entered the DLQ) at or after (epoch ms), or {@code null}
     * @param toDate failed at or before (epoch ms), or {@code null}
     */
    record DeadLetterFilter(List<String> dlqIds, List<String> runIds, List<String> workflowUrls, List<String> urls,
            List<Integer> responseStatuses, List<String> labels, List<String> failureStates, List<String> callerIps,
            List<String> flowControlKeys, @Nullable Long createdAt, @Nullable Long fromDate, @Nullable Long toDate) {

        /**
         * The entries of some DLQ ids.
         * @param dlqIds the DLQ ids
         * @return the filter
         */
        public static DeadLetterFilter of(List<String> dlqIds) {
            return new DeadLetterFilter(dlqIds, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of(), null, null, null);
        }

    }

    /**
     * One entry of a run's history.
     *
     * @param position its place, 0 for the initial payload
     * @param messageId the message it was published as
     * @param callType {@code step}, {@code toCallback} or {@code fromCallback}
     * @param body the raw body
     * @param createdAt epoch milliseconds
     */
    record Entry(int position, String messageId, String callType, byte[] body, long createdAt) {
    }

    /**
     * Where a message's entry is.
     *
     * @param runId the run
     * @param position the position
     * @param callType the call type
     */
    record EntryRef(String runId, int position, String callType) {
    }

    /**
     * A run waiting for an event ({@code waitForEvent}, {@code waitForWebhook}).
     *
     * @param id the waiter id
     * @param runId the run
     * @param eventId the event id
     * @param url where the event's step goes
     * @param headers the publish headers of that step
     * @param timeout the timeout as given, or {@code null}
     * @param deadline when it times out, epoch milliseconds
     * @param timeoutUrl where the timed-out step goes, or {@code null}
     * @param timeoutHeaders the publish headers of that step
     * @param timeoutBody the body given for it, or {@code null}
     * @param step the waiting step (JSON)
     * @param createdAt epoch milliseconds
     */
    record Waiter(String id, String runId, String eventId, String url, Map<String, List<String>> headers,
            @Nullable String timeout, long deadline, @Nullable String timeoutUrl,
            Map<String, List<String>> timeoutHeaders, byte @Nullable [] timeoutBody, String step, long createdAt) {
    }

    /**
     * An event for a run that was not waiting yet (run-scoped notify, webhook call).
     *
     * @param id the notification id
     * @param runId the run
     * @param eventId the event id
     * @param body the event data
     * @param createdAt epoch milliseconds
     */
    record Notification(String id, String runId, String eventId, byte[] body, long createdAt) {
    }

}
