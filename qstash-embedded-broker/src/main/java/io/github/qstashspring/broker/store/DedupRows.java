package io.github.qstashspring.broker.store;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deduplication keys in {@code qs_dedup}, with plain JDBC inside the caller's
 * transaction. A key is only ever inserted, never overwritten while it lasts: of two
 * transactions that store the same key at once, the second fails on the primary key (and
 * its publish is retried, finding the first one's message).
 */
final class DedupRows {

    private final JdbcTemplate jdbc;

    DedupRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The message an unexpired key produced.
     * @param key the key
     * @param now epoch milliseconds
     * @return the message id, if the key is known and unexpired
     */
    Optional<String> find(String key, long now) {
        List<String> ids = this.jdbc.queryForList(
                "SELECT message_id FROM qs_dedup WHERE dedup_key = ? AND expires_at > ?", String.class, key, now);
        return ids.stream().findFirst();
    }

    /**
     * Stores a key, replacing it only when it expired.
     * @param key the key
     * @param messageId the message it produced
     * @param expiresAt when it expires, epoch milliseconds
     * @param now epoch milliseconds
     * @throws org.springframework.dao.DataIntegrityViolationException when the key is
     * known and unexpired, or another transaction stored it meanwhile
     */
    void insert(String key, String messageId, long expiresAt, long now) {
        this.jdbc.update("DELETE FROM qs_dedup WHERE dedup_key = ? AND expires_at <= ?", key, now);
        this.jdbc.update("INSERT INTO qs_dedup (dedup_key, message_id, expires_at) VALUES (?, ?, ?)", key, messageId,
                expiresAt);
    }

    /**
     * Forgets the keys whose window ended.
     * @param now epoch milliseconds
     * @return how many were deleted
     */
    int deleteExpired(long now) {
        return this.jdbc.update("DELETE FROM qs_dedup WHERE expires_at <= ?", now);
    }

}
