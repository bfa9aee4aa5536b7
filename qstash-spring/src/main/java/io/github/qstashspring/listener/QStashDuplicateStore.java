package io.github.qstashspring.listener;

/**
 * Remembers which message ids a listener processed successfully, for
 * {@link QStashListener#skipDuplicates()}. The default keeps them in memory
 * ({@link InMemoryQStashDuplicateStore}); declare a bean of this type to share them
 * between instances (a database table, Redis, ...). Implementations must be thread-safe.
 * <p>
 * A listener first {@link #tryClaim claims} a message id (after its signature verified),
 * then either {@link #markProcessed marks} it processed or {@link #release releases} it.
 * A store shared between instances should make {@code tryClaim} atomic (an insert that
 * fails on a duplicate key, a Redis {@code SET NX}); the default implementation is only
 * as good as {@link #isProcessed}.
 */
public interface QStashDuplicateStore {

    /**
     * Whether the listener already processed the message successfully.
     * @param listenerId the listener id
     * @param messageId the {@code Upstash-Message-Id}
     * @return {@code true} to skip the delivery (answered with {@code 200}, method not
     * run)
     */
    boolean isProcessed(String listenerId, String messageId);

    /**
     * Records that the listener processed the message successfully (its method returned
     * normally).
     * @param listenerId the listener id
     * @param messageId the {@code Upstash-Message-Id}
     */
    void markProcessed(String listenerId, String messageId);

    /**
     * Claims a message for one delivery, atomically: only one of two concurrent
     * deliveries of the same message gets it.
     * @param listenerId the listener id
     * @param messageId the {@code Upstash-Message-Id}
     * @return {@code true} when the caller may run the method; {@code false} when the
     * message was processed already or another delivery of it is running
     */
    default boolean tryClaim(String listenerId, String messageId) {
        return !isProcessed(listenerId, messageId);
    }

    /**
     * Gives up a claim without marking the message processed (the method failed), so that
     * the next delivery runs it again.
     * @param listenerId the listener id
     * @param messageId the {@code Upstash-Message-Id}
     */
    default void release(String listenerId, String messageId) {
    }

}
