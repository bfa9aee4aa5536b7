package io.github.qstashspring.broker.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.github.qstashspring.broker.store.StoredMessage.Envelope;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.jspecify.annotations.Nullable;

/**
 * Messages (pending, being delivered and in the dead letter queue), their log entries,
 * the claims of the dispatchers, FIFO queue turns and deduplication keys. Every method
 * runs inside the caller's transaction unless it says otherwise; changes of a message are
 * written when that transaction commits.
 */
public interface MessageStore {

    /**
     * Inserts a new message just before the transaction commits, together with the other
     * messages of the transaction (one batch); no statement of the transaction sees it
     * before. Its {@code seq} is drawn then.
     * @param message the message
     */
    void insert(StoredMessage message);

    /**
     * Inserts a new message now, so that the following statements of the transaction see
     * it (a queued message, a callback holding a queue turn). Its {@code seq} is drawn
     * now.
     * @param message the message
     */
    void insertNow(StoredMessage message);

    /**
     * Decides the state of a message entering a FIFO queue, creating the queue on first
     * use (parallelism 1). A message waits while the queue is paused, older messages wait
     * or {@code parallelism} messages hold a turn (pending, being delivered, retried, or
     * their callbacks). The queue row is locked until the transaction ends.
     * @param queueName the queue
     * @param now epoch milliseconds
     * @return {@link State#PENDING} when it gets a turn now, else {@link State#QUEUED}
     */
    State enterQueue(String queueName, long now);

    /**
     * Gives the free turns of a queue to its oldest waiting messages (they become
     * pending, due at their {@code notBefore} or now).
     * @param queueName the queue
     * @param now epoch milliseconds
     * @return the messages that got a turn
     */
    List<StoredMessage> passOnTurns(String queueName, long now);

    /**
     * Messages of a queue not yet processed: waiting, pending, being delivered or waiting
     * for a retry.
     * @param queueName the queue
     * @return how many
     */
    long queueLag(String queueName);

    /**
     * The oldest messages waiting in a queue.
     * @param queueName the queue
     * @param limit the most to return
     * @return the messages, oldest first
     */
    List<StoredMessage> waitingInQueue(String queueName, int limit);

    /**
     * The message an unexpired deduplication key produced.
     * @param key the key
     * @param now epoch milliseconds
     * @return the message id, if the key is known and unexpired
     */
    Optional<String> deduplicated(String key, long now);

    /**
     * Remembers a deduplication key, replacing it only when it expired.
     * @param key the key
     * @param messageId the message it produced
     * @param expiresAt when it expires, epoch milliseconds
     * @param now epoch milliseconds
     * @throws org.springframework.dao.DataIntegrityViolationException when the key is
     * known and unexpired, or another transaction stored it meanwhile
     */
    void rememberDeduplication(String key, String messageId, long expiresAt, long now);

    /**
     * Draws the next value of the arrival sequence (DLQ order).
     * @return the value
     */
    long nextSeq();

    /**
     * Reads a message.
     * @param id the id
     * @return the message, if it is stored
     */
    Optional<StoredMessage> find(String id);

    /**
     * Reads messages that the transaction is about to change (the changes then cost no
     * further read).
     * @param ids the ids
     * @return the messages found
     */
    List<StoredMessage> findAll(Collection<String> ids);

    /**
     * Loads claimed messages for delivery, with one statement per 500 ids.
     * @param ids the ids
     * @return the messages found, in arrival order
     */
    List<StoredMessage> loadClaimed(Collection<String> ids);

    /**
     * Lists messages matching a filter, oldest first.
     * @param filter the filter
     * @param states the states to list
     * @return the messages
     */
    List<StoredMessage> list(Filter filter, Collection<State> states);

    /**
     * Lists dead letter queue entries matching a filter, oldest first.
     * @param filter the filter
     * @param afterDlqSeq list the entries after this {@code dlqSeq}, or {@code null}
     * @param limit the page size, or {@code null} for all
     * @return the page, whose cursor is the {@code dlqSeq} of its last entry when more
     * match
     */
    Page<StoredMessage> deadLetters(Filter filter, @Nullable Long afterDlqSeq, @Nullable Integer limit);

    /**
     * Reads a dead letter queue entry.
     * @param dlqId the DLQ id
     * @return the message, if it is in the DLQ
     */
    Optional<StoredMessage> deadLetter(String dlqId);

    /**
     * Counts the messages in a state.
     * @param state the state
     * @return how many
     */
    long count(State state);

    /**
     * Counts the messages in a state, stopping at a bound, so that the count costs no
     * more on a huge table than on one of {@code bound} rows (the broker's metrics and
     * health ask it repeatedly). Runs in a transaction of its own unless the caller has
     * one.
     * @param state the state
     * @param bound the largest count returned
     * @return how many, at most {@code bound}
     */
    long countUpTo(State state, int bound);

    /**
     * When the pending message that has waited longest for its delivery became due: the
     * smallest due time of the unclaimed messages due at {@code now} (one look at the
     * index of due times). Runs in a transaction of its own unless the caller has one.
     * @param now epoch milliseconds
     * @return the due time, epoch milliseconds, or empty when no message is due
     */
    OptionalLong oldestDue(long now);

    /**
     * Claims up to {@code limit} messages due at {@code now}, oldest due first, in a
     * transaction of the caller's. Messages with a flow-control key are left to
     * {@link ResourceStore#claimMessagesOfKey}.
     * @param now epoch milliseconds
     * @param leaseUntil when the claims expire
     * @param limit the most to claim
     * @param leftOutHosts hosts ({@link StoredMessage.Envelope#urlHost()}) whose messages
     * are not claimed now
     * @return the ids claimed
     */
    List<String> claimDue(long now, long leaseUntil, int limit, Collection<String> leftOutHosts);

    /**
     * Gives up claims this instance made in the same transaction: the messages are
     * pending again, due as before.
     * @param ids the ids
     */
    void unclaim(Collection<String> ids);

    /**
     * Claims the given messages if they are still pending and due (the in-memory hand-off
     * path).
     * @param ids candidate message ids
     * @param now epoch milliseconds
     * @param leaseUntil when the claims expire
     * @return the ids claimed
     */
    List<String> claimIds(Collection<String> ids, long now, long leaseUntil);

    /**
     * Finds claimed messages whose lease expired and that no other live instance holds
     * (their own claims are theirs to finish, or released when their heartbeat stops):
     * this instance's (a delivery whose outcome could not be recorded), or those of
     * instances no longer registered.
     * @param now epoch milliseconds
     * @param limit the most to return
     * @return the ids
     */
    List<String> expiredClaims(long now, int limit);

    /**
     * Makes messages whose lease expired pending again, due at once.
     * @param ids the ids (from {@link #expiredClaims})
     * @param now epoch milliseconds
     * @return how many were released
     */
    int releaseExpiredClaims(Collection<String> ids, long now);

    /**
     * Registers this broker run as an instance that holds claims: every claim it makes
     * from now on carries its instance id, and it writes {@link #heartbeat() heartbeats}.
     * On a database this broker opened alone (an H2 file, which one process holds), the
     * instances registered before are dead, so their claims are released at once.
     * @return how many claims were released
     */
    int joinInstances();

    /**
     * Writes this instance's heartbeat, on the database's clock (shared by every broker
     * on the database, whatever their hosts' clocks say).
     * @return {@code false} when another instance had taken this one for dead (and
     * released its claims); it is registered again
     */
    boolean heartbeat();

    /**
     * Releases the claims of the instances that wrote no heartbeat for longer than
     * {@code silence} (crashed, killed or cut off): their messages become pending again,
     * due as before, and the instances are forgotten. Claims of this instance are never
     * released here.
     * @param silence how long an instance may go without a heartbeat
     * @return how many claims were released
     */
    int releaseClaimsOfDeadInstances(Duration silence);

    /**
     * Releases the claims this instance still holds and deregisters it: the end of a
     * clean stop, after its deliveries in flight were recorded or given up.
     * @return how many claims were released
     */
    int leaveInstances();

    /**
     * Deletes delivered messages that are still claimed under the lease they were
     * delivered with (a message cancelled and removed meanwhile, or claimed again after
     * its lease expired, is left alone).
     * @param claimed the messages, as claimed
     * @return for each message, whether it was deleted
     */
    boolean[] deleteDelivered(List<StoredMessage> claimed);

    /**
     * Marks a message whose delivery is running as cancelled; a message no longer being
     * delivered is left alone.
     * @param id the id
     */
    void requestCancel(String id);

    /**
     * Cancels an undelivered message ({@code CANCEL_REQUESTED}): one waiting is deleted
     * ({@code CANCELED}) and passes its queue turn on; one being delivered is marked, and
     * is cancelled if its attempt fails (a running attempt may still deliver it). A
     * message already marked, or in the DLQ, is left alone.
     * @param message the message as read in the caller's transaction
     * @param now epoch milliseconds
     * @return the messages of its queue that got the turn (due now)
     */
    default List<StoredMessage> cancel(StoredMessage message, long now) {
        if (message.cancelRequested() || message.state() == State.FAILED) {
            return List.of();
        }
        log(message, "CANCEL_REQUESTED", now);
        if (message.state() == State.ACTIVE) {
            requestCancel(message.id());
            return List.of();
        }
        log(message, "CANCELED", now);
        delete(message.id());
        String queue = message.turnQueueName();
        return (queue != null) ? passOnTurns(queue, now) : List.of();
    }

    /**
     * Deletes a message, if it is still stored.
     * @param id the id
     */
    void delete(String id);

    /**
     * Deletes messages.
     * @param ids the ids
     */
    void deleteAll(Collection<String> ids);

    /**
     * Records that a message waits for its next attempt: its {@code state} (pending),
     * {@code retried}, {@code nextDeliveryAt} and lease (none).
     * @param message the message after the failed attempt
     */
    void scheduleRetry(StoredMessage message);

    /**
     * Moves a message to the dead letter queue: its {@code state} (failed), lease (none)
     * and {@link StoredMessage#deadLetter()}.
     * @param message the message, with its DLQ entry
     */
    void moveToDeadLetters(StoredMessage message);

    /**
     * Deletes every message (the DLQ included), log entry and deduplication key, in a
     * transaction of its own. Configuration (queues, keys, schedules, URL groups) stays.
     */
    void deleteMessageData();

    /**
     * Writes a log entry for a state change of a message, with the other entries of the
     * transaction just before it commits.
     * @param message the message (a {@code RETRY} entry shows its next delivery time)
     * @param state the new state, e.g. {@code DELIVERED}
     * @param time epoch milliseconds
     */
    void log(StoredMessage message, String state, long time);

    /**
     * Writes the {@code CREATED} entry of a message, the only one with its headers and
     * body.
     * @param message the message
     * @param headers the headers as logs show them (redacted)
     * @param body the body as logs show it (redacted)
     * @param time epoch milliseconds
     */
    void logCreated(StoredMessage message, Map<String, List<String>> headers, byte[] body, long time);

    /**
     * Writes the {@code ERROR} entry of a failed attempt, with what the destination
     * answered.
     * @param message the message
     * @param time epoch milliseconds
     * @param status the response status, or {@code null} when there was no response
     * @param headers the response headers
     * @param body the response body
     * @param error what went wrong
     */
    void logError(StoredMessage message, long time, @Nullable Integer status, Map<String, List<String>> headers,
            byte @Nullable [] body, String error);

    /**
     * Lists log entries matching a filter, newest first.
     * @param filter the filter
     * @param beforeId list the entries older than this id, or {@code null}
     * @param limit the page size
     * @return the page, whose cursor is the id of its last entry when more match
     */
    Page<LogEntry> logs(Filter filter, @Nullable Long beforeId, int limit);

    /**
     * Counts log entries by state and time bucket: the activity behind the dashboard's
     * charts. Buckets without an entry of a state are left out.
     * @param from the start of the first bucket, epoch milliseconds inclusive
     * @param to the end of the last bucket, epoch milliseconds exclusive
     * @param bucketMillis the width of a bucket
     * @return the counts, in no particular order
     */
    List<LogCount> countLogs(long from, long to, long bucketMillis);

    /**
     * Deletes the log entries older than a time.
     * @param time epoch milliseconds
     * @return how many were deleted
     */
    int deleteLogsBefore(long time);

    /**
     * Forgets the deduplication keys whose window ended.
     * @param now epoch milliseconds
     * @return how many were deleted
     */
    int deleteExpiredDeduplications(long now);

    /**
     * Filters of bulk cancel, the DLQ and the logs. Values of one filter are OR-ed,
     * filters are AND-ed; empty lists do not filter. When ids are given
     * ({@code messageIds} or {@code dlqIds}), the other filters are ignored, as QStash
     * does.
     *
     * @param messageIds message ids
     * @param dlqIds DLQ ids
     * @param states log states ({@code IN_PROGRESS} stands for {@code ACTIVE},
     * {@code RETRY} and {@code ERROR})
     * @param urls destination URLs
     * @param hosts destination hosts
     * @param paths destination paths
     * @param topicNames URL group names
     * @param queueNames queue names
     * @param scheduleIds schedule ids
     * @param labels labels
     * @param flowControlKeys flow-control keys
     * @param callerIps publisher IPs
     * @param responseStatuses last response statuses (DLQ)
     * @param fromDate earliest time, epoch milliseconds inclusive
     * @param toDate latest time, epoch milliseconds inclusive
     */
    record Filter(List<String> messageIds, List<String> dlqIds, List<String> states, List<String> urls,
            List<String> hosts, List<String> paths, List<String> topicNames, List<String> queueNames,
            List<String> scheduleIds, List<String> labels, List<String> flowControlKeys, List<String> callerIps,
            List<Integer> responseStatuses, @Nullable Long fromDate, @Nullable Long toDate) {

        /** A filter that matches everything. */
        public static final Filter ALL = new Filter(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

    }

    /**
     * One page of a listing.
     *
     * @param <T> the item type
     * @param items the items
     * @param cursor the cursor of the next page, or {@code null} at the end
     */
    record Page<T>(List<T> items, @Nullable String cursor) {
    }

    /**
     * How many log entries of a state fell into a time bucket.
     *
     * @param state the state, e.g. {@code DELIVERED}
     * @param bucketStart the start of the bucket, epoch milliseconds
     * @param count how many
     */
    record LogCount(String state, long bucketStart, long count) {
    }

    /**
     * One state change of a message, as {@code GET /v2/logs} shows it. The message's
     * headers and body are kept on its {@code CREATED} entry only; response details only
     * on {@code ERROR} entries.
     *
     * @param id the entry id (the listing cursor)
     * @param time epoch milliseconds
     * @param messageId the message
     * @param state the state, e.g. {@code DELIVERED}
     * @param error what went wrong, or {@code null}
     * @param nextDeliveryTime the next attempt of a {@code RETRY}, or {@code null}
     * @param envelope where and how the message is delivered
     * @param headers the message's headers ({@code CREATED} only)
     * @param body the message's body ({@code CREATED} only), or {@code null}
     * @param responseStatus the response status ({@code ERROR} only), or {@code null}
     * @param responseHeaders the response headers ({@code ERROR} only)
     * @param responseBody the response body ({@code ERROR} only), or {@code null}
     */
    record LogEntry(long id, long time, String messageId, String state, @Nullable String error,
            @Nullable Long nextDeliveryTime, Envelope envelope, Map<String, List<String>> headers,
            byte @Nullable [] body, @Nullable Integer responseStatus, Map<String, List<String>> responseHeaders,
            byte @Nullable [] responseBody) {
    }

}
