package io.github.qstashspring.broker.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The broker's resources besides messages: schedules, URL groups, FIFO queues,
 * flow-control keys and the signing key pair. Every method runs inside the caller's
 * transaction; a row read with {@code lock...} stays locked until it ends.
 */
public interface ResourceStore {

    /**
     * @return a new schedule id, {@code scd_} and 24 letters or digits
     */
    String newScheduleId();

    /**
     * Inserts or replaces a schedule (all fields; a replacement keeps the original
     * creation time).
     * @param schedule the schedule
     */
    void upsertSchedule(Schedule schedule);

    /**
     * Reads a schedule.
     * @param id the id
     * @return the schedule, if it exists
     */
    Optional<Schedule> findSchedule(String id);

    /**
     * @return all schedules, oldest first
     */
    List<Schedule> listSchedules();

    /**
     * Schedules whose next tick is due.
     * @param now epoch milliseconds
     * @param limit the most to return
     * @return the due schedules, earliest first
     */
    List<Schedule> dueSchedules(long now, int limit);

    /**
     * @return the earliest next tick of all schedules (epoch milliseconds), or
     * {@code null} when there is none
     */
    @Nullable Long earliestTick();

    /**
     * Claims a tick: moves {@code nextTickAt} on only if it still has the value this
     * broker read, and records the tick as the last one unless the schedule is paused.
     * Among brokers sharing the database, exactly one claims each tick.
     * @param id the schedule
     * @param expectedTick the tick read
     * @param nextTick the following tick
     * @param now the time of this tick
     * @return whether this broker fires the tick
     */
    boolean claimTick(String id, long expectedTick, long nextTick, long now);

    /**
     * Records what a tick produced.
     * @param id the schedule
     * @param messageIds the messages created
     * @param error why none was created, or {@code null}
     */
    void recordTick(String id, List<String> messageIds, @Nullable String error);

    /**
     * Pauses or resumes a schedule.
     * @param id the schedule
     * @param paused the new state
     * @return whether it exists
     */
    boolean pauseSchedule(String id, boolean paused);

    /**
     * Deletes a schedule.
     * @param id the schedule
     * @return whether it existed
     */
    boolean deleteSchedule(String id);

    /**
     * Reads a URL group.
     * @param name the name
     * @return the group, if it exists
     */
    Optional<UrlGroup> findUrlGroup(String name);

    /**
     * Reads a URL group and locks its row.
     * @param name the name
     * @return the group, if it exists
     */
    Optional<UrlGroup> lockUrlGroup(String name);

    /**
     * @return all URL groups, by name
     */
    List<UrlGroup> listUrlGroups();

    /**
     * Inserts a URL group.
     * @param group the group
     */
    void insertUrlGroup(UrlGroup group);

    /**
     * Replaces a URL group's endpoints.
     * @param group the group
     */
    void updateUrlGroup(UrlGroup group);

    /**
     * Deletes a URL group.
     * @param name the name
     * @return whether it existed
     */
    boolean deleteUrlGroup(String name);

    /**
     * Reads a queue and locks its row, creating the queue (parallelism 1) when it does
     * not exist.
     * @param name the queue
     * @param now epoch milliseconds
     * @return the locked queue
     */
    Queue lockQueue(String name, long now);

    /**
     * Reads a queue.
     * @param name the queue
     * @return the queue, if it exists
     */
    Optional<Queue> findQueue(String name);

    /**
     * @return all queues, by name
     */
    List<Queue> listQueues();

    /**
     * Writes a queue's parallelism, pause and update time.
     * @param queue the queue
     */
    void updateQueue(Queue queue);

    /**
     * Deletes a queue (not its messages).
     * @param name the queue
     */
    void deleteQueue(String name);

    /**
     * Reads a flow-control key and locks its row.
     * @param key the key
     * @return the key, if known
     */
    Optional<FlowKey> lockFlowKey(String key);

    /**
     * Reads a flow-control key.
     * @param key the key
     * @return the key, if known
     */
    Optional<FlowKey> findFlowKey(String key);

    /**
     * Lists flow-control keys by name.
     * @param search a substring the key must contain, or {@code null}
     * @return the keys
     */
    List<FlowKey> listFlowKeys(@Nullable String search);

    /**
     * Inserts a flow-control key.
     * @param key the key
     */
    void insertFlowKey(FlowKey key);

    /**
     * Replaces a flow-control key's row.
     * @param key the key
     */
    void updateFlowKey(FlowKey key);

    /**
     * Flow-control keys with messages due to start, in key order (so that brokers lock
     * them in the same order).
     * @param now epoch milliseconds
     * @return the keys
     */
    List<String> keysWithDueMessages(long now);

    /**
     * Counts the messages of a flow-control key in a state.
     * @param key the key
     * @param state the state
     * @return how many
     */
    int countMessagesOfKey(String key, StoredMessage.State state);

    /**
     * @return the messages being delivered, over all keys and none
     */
    int countActiveMessages();

    /**
     * Claims the oldest due messages of a flow-control key (hold the key's lock).
     * @param key the key
     * @param now epoch milliseconds
     * @param leaseUntil the lease
     * @param limit the most to claim
     * @return the claimed ids
     */
    List<String> claimMessagesOfKey(String key, long now, long leaseUntil, int limit);

    /**
     * Reads the signing key pair, seeding it with the configured keys when there is none
     * or the configured keys changed since it was seeded.
     * @param configuredCurrent the configured current key
     * @param configuredNext the configured next key
     * @return the pair in force
     */
    SigningKeyPair seedSigningKeys(String configuredCurrent, String configuredNext);

    /**
     * Rotates the signing keys: the next key becomes current, and a new next key is
     * generated ({@code sig_} and 28 letters or digits).
     * @return the rotated pair
     */
    SigningKeyPair rotateSigningKeys();

    /**
     * Reads the signing key pair.
     * @return the pair, if it was seeded
     */
    Optional<SigningKeyPair> findSigningKeys();

    /**
     * Generates a signing key, as a rotation does.
     * @return a new random signing key ({@code sig_} and 28 letters or digits)
     */
    String newSigningKey();

    /**
     * Reads one of the broker's own secrets (its generated token, the seeds of its
     * generated signing keys, its redaction key), generating and storing it the first
     * time: the value stays the same for the life of the database, and brokers sharing
     * the database agree on it. Runs in its own transaction.
     * @param name the secret's name
     * @param generator makes the value when the database holds none
     * @return the stored value
     */
    String secret(String name, Supplier<String> generator);

    /**
     * A schedule: the cron, the destination and the publish request (headers and body)
     * that every tick replays.
     *
     * @param id the schedule id
     * @param cron the cron expression as given (trimmed), with its optional
     * {@code CRON_TZ=} prefix
     * @param destination the URL or URL group name
     * @param queueName the queue each tick enqueues into, or {@code null}
     * @param requestHeaders the configuration and forwarded headers of the create request
     * @param body the body sent with every tick
     * @param callerIp the creator's address
     * @param paused whether ticks are skipped
     * @param createdAt epoch milliseconds
     * @param nextTickAt the next tick (epoch milliseconds)
     * @param lastTickAt the last tick, or {@code null}
     * @param lastMessageIds the messages of the last tick
     * @param lastError why the last tick produced no message, or {@code null}
     */
    record Schedule(String id, String cron, String destination, @Nullable String queueName,
            Map<String, List<String>> requestHeaders, byte[] body, @Nullable String callerIp, boolean paused,
            long createdAt, long nextTickAt, @Nullable Long lastTickAt, List<String> lastMessageIds,
            @Nullable String lastError) {
    }

    /**
     * A URL group (topic): publishing to its name sends one message to each endpoint.
     *
     * @param name the group name
     * @param endpoints the endpoints, in the order they were added
     * @param createdAt epoch milliseconds
     * @param updatedAt epoch milliseconds
     */
    record UrlGroup(String name, List<Endpoint> endpoints, long createdAt, long updatedAt) {

        /**
         * One endpoint of a group.
         *
         * @param name the endpoint name, or {@code null}
         * @param url the URL
         */
        public record Endpoint(@Nullable String name, String url) {
        }

    }

    /**
     * A FIFO queue.
     *
     * @param name the queue name
     * @param parallelism the most messages holding a turn at once
     * @param paused whether no message gets a turn
     * @param createdAt epoch milliseconds
     * @param updatedAt epoch milliseconds
     */
    record Queue(String name, int parallelism, boolean paused, long createdAt, long updatedAt) {
    }

    /**
     * A flow-control key's configuration and rate window.
     *
     * @param key the key
     * @param parallelism the most deliveries in flight, or {@code null} for no limit
     * @param rate the most deliveries started per period, or {@code null} for no limit
     * @param periodSeconds the rate period
     * @param pinnedParallelism whether the parallelism ignores the messages' values
     * @param pinnedRate whether the rate and period ignore the messages' values
     * @param paused whether no delivery starts
     * @param periodStart when the current rate period started (epoch milliseconds)
     * @param rateCount deliveries started in the current period
     */
    record FlowKey(String key, @Nullable Integer parallelism, @Nullable Integer rate, long periodSeconds,
            boolean pinnedParallelism, boolean pinnedRate, boolean paused, long periodStart, int rateCount) {

        /**
         * This key with its rate window at a time: a new window with no delivery counted
         * once the current one ended.
         * @param now epoch milliseconds
         * @return the key with its current window
         */
        public FlowKey rolledAt(long now) {
            return (now >= this.periodStart + this.periodSeconds * 1000) ? withRateCount(now, 0) : this;
        }

        /**
         * This key with another rate window.
         * @param newPeriodStart when the window started
         * @param newRateCount deliveries started in it
         * @return the changed key
         */
        public FlowKey withRateCount(long newPeriodStart, int newRateCount) {
            return new FlowKey(this.key, this.parallelism, this.rate, this.periodSeconds, this.pinnedParallelism,
                    this.pinnedRate, this.paused, newPeriodStart, newRateCount);
        }

    }

    /**
     * The signing key pair.
     *
     * @param current the key deliveries are signed with
     * @param next the key that becomes current at the next rotation
     */
    record SigningKeyPair(String current, String next) {
    }

}
