package io.github.qstashspring.listener;

/**
 * Remembers which message ids a listener processed successfully, for
 * {@link QStashListener#skipDuplicates()}. The default keeps them in memory
 * ({@link InMemoryQStashDuplicateStore}); declare a bean of this type to share them
 * between instances (a database table, Redis, ...). Implementations must be thread-safe.
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

}
