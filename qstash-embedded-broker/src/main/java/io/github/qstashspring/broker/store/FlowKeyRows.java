package io.github.qstashspring.broker.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import io.github.qstashspring.broker.store.ResourceStore.FlowKey;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flow-control keys in {@code qs_flow_key} and the statements that start their messages.
 * A key's row is locked ({@code SELECT ... FOR UPDATE}) while its messages are claimed,
 * so its rate and parallelism hold across brokers sharing a database. Callers run these
 * inside a transaction.
 */
final class FlowKeyRows {

    private static final String COLUMNS = "flow_key, parallelism, rate, period_seconds, pinned_parallelism, pinned_rate,"
            + " paused, period_start, rate_count";

    /**
     * One probe of the {@code (flow_control_key, state, next_delivery_at)} index per
     * known key, not a walk over every due message (of which most may have no key at
     * all).
     */
    static final String KEYS_WITH_DUE_MESSAGES = "SELECT k.flow_key FROM qs_flow_key k WHERE EXISTS (SELECT 1"
            + " FROM qs_message m WHERE m.flow_control_key = k.flow_key AND m.state = 'PENDING' AND m.next_delivery_at <= ?)"
            + " ORDER BY k.flow_key";

    /** A key's due messages, oldest due first: the order of the same index. */
    static final String DUE_OF_KEY = "SELECT id FROM qs_message WHERE flow_control_key = ? AND state = 'PENDING'"
            + " AND next_delivery_at <= ? ORDER BY flow_control_key, state, next_delivery_at LIMIT ?";

    private final JdbcTemplate jdbc;

    private final String owner;

    FlowKeyRows(JdbcTemplate jdbc, String owner) {
        this.jdbc = jdbc;
        this.owner = owner;
    }

    /**
     * Reads a key and locks its row.
     * @param key the key
     * @return the key, if known
     */
    Optional<FlowKey> lock(String key) {
        return this.jdbc.query("SELECT " + COLUMNS + " FROM qs_flow_key WHERE flow_key = ? FOR UPDATE", this::row, key)
            .stream()
            .findFirst();
    }

    /**
     * Reads a key.
     * @param key the key
     * @return the key, if known
     */
    Optional<FlowKey> find(String key) {
        return this.jdbc.query("SELECT " + COLUMNS + " FROM qs_flow_key WHERE flow_key = ?", this::row, key)
            .stream()
            .findFirst();
    }

    /**
     * Lists keys by name.
     * @param search a substring the key must contain, or {@code null}
     * @return the keys
     */
    List<FlowKey> list(@Nullable String search) {
        if (search == null) {
            return this.jdbc.query("SELECT " + COLUMNS + " FROM qs_flow_key ORDER BY flow_key", this::row);
        }
        return this.jdbc.query("SELECT " + COLUMNS + " FROM qs_flow_key WHERE flow_key LIKE ? ORDER BY flow_key",
                this::row, "%" + search.replace("%", "").replace("_", "") + "%");
    }

    /**
     * Inserts a key.
     * @param key the key
     */
    void insert(FlowKey key) {
        this.jdbc.update("INSERT INTO qs_flow_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", key.key(),
                key.parallelism(), key.rate(), key.periodSeconds(), key.pinnedParallelism(), key.pinnedRate(),
                key.paused(), key.periodStart(), key.rateCount());
    }

    /**
     * Replaces a key's row.
     * @param key the key
     */
    void update(FlowKey key) {
        this.jdbc.update(
                "UPDATE qs_flow_key SET parallelism = ?, rate = ?, period_seconds = ?, pinned_parallelism = ?,"
                        + " pinned_rate = ?, paused = ?, period_start = ?, rate_count = ? WHERE flow_key = ?",
                key.parallelism(), key.rate(), key.periodSeconds(), key.pinnedParallelism(), key.pinnedRate(),
                key.paused(), key.periodStart(), key.rateCount(), key.key());
    }

    /**
     * Keys with messages due to start, in key order (so that brokers lock them in the
     * same order).
     * @param now epoch milliseconds
     * @return the keys
     */
    List<String> keysWithDueMessages(long now) {
        return this.jdbc.queryForList(KEYS_WITH_DUE_MESSAGES, String.class, now);
    }

    /**
     * Messages of a key by state.
     * @param key the key
     * @param state the state
     * @return how many
     */
    int count(String key, String state) {
        Integer count = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM qs_message WHERE flow_control_key = ? AND state = ?", Integer.class, key, state);
        return (count != null) ? count : 0;
    }

    /**
     * Messages being delivered, over all keys and none.
     * @return how many
     */
    int countActive() {
        Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM qs_message WHERE state = 'ACTIVE'",
                Integer.class);
        return (count != null) ? count : 0;
    }

    /**
     * Claims the oldest due messages of a key (hold the key's lock).
     * @param key the key
     * @param now epoch milliseconds
     * @param leaseUntil the lease
     * @param limit the most to claim
     * @return the claimed ids
     */
    List<String> claim(String key, long now, long leaseUntil, int limit) {
        List<String> due = this.jdbc.queryForList(DUE_OF_KEY, String.class, key, now, limit);
        List<String> claimed = new ArrayList<>();
        for (String id : due) {
            if (this.jdbc.update("UPDATE qs_message SET state = 'ACTIVE', lease_until = ?, claimed_by = ?"
                    + " WHERE id = ? AND state = 'PENDING'", leaseUntil, this.owner, id) == 1) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    private FlowKey row(ResultSet rs, int rowNum) throws SQLException {
        int parallelism = rs.getInt("parallelism");
        Integer parallelismValue = rs.wasNull() ? null : parallelism;
        int rate = rs.getInt("rate");
        Integer rateValue = rs.wasNull() ? null : rate;
        return new FlowKey(rs.getString("flow_key"), parallelismValue, rateValue, rs.getLong("period_seconds"),
                rs.getBoolean("pinned_parallelism"), rs.getBoolean("pinned_rate"), rs.getBoolean("paused"),
                rs.getLong("period_start"), rs.getInt("rate_count"));
    }

}
