package io.github.qstashspring.broker.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link WorkflowStore} with JDBC: tables {@code qs_workflow_run},
 * {@code qs_workflow_entry}, {@code qs_workflow_waiter} and
 * {@code qs_workflow_notification} (migration V6).
 */
final class WorkflowRows implements WorkflowStore {

    private static final String RUN_COLUMNS = "run_id, url, state, created_at, completed_at, awaiting_sdk, caller_ip,"
            + " labels, config, forwarded_headers, initial_body, response_body, invoker, dlq_id, error,"
            + " failure_message_id, failure_state";

    private static final String WAITER_COLUMNS = "id, run_id, event_id, url, headers, timeout, deadline, timeout_url,"
            + " timeout_headers, timeout_body, step, created_at";

    private final JdbcTemplate jdbc;

    WorkflowRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void createRun(Run run, Entry first) {
        this.jdbc.update(
                "INSERT INTO qs_workflow_run (" + RUN_COLUMNS
                        + ", entry_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                run.runId(), run.url(), run.state(), run.createdAt(), run.completedAt(), run.awaitingSdk(),
                run.callerIp(), String.join(",", run.labels()), JsonColumns.write(run.config()),
                JsonColumns.write(run.forwardedHeaders()), run.initialBody(), run.responseBody(), run.invoker(),
                run.dlqId(), run.error(), run.failureMessageId(), run.failureState());
        insertEntry(run.runId(), first.position(), first.messageId(), first.callType(), first.body(),
                first.createdAt());
    }

    @Override
    public Optional<Run> findRun(String runId) {
        return this.jdbc.query("SELECT " + RUN_COLUMNS + " FROM qs_workflow_run WHERE run_id = ?", this::run, runId)
            .stream()
            .findFirst();
    }

    @Override
    public List<Run> findRuns(RunFilter filter, @Nullable Run after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM qs_workflow_run WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!filter.runIds().isEmpty()) {
            sql.append(" AND run_id IN (").append(placeholders(filter.runIds().size())).append(')');
            args.addAll(filter.runIds());
        }
        if (filter.url() != null) {
            sql.append(filter.urlPrefix() ? " AND url LIKE ? ESCAPE '\\'" : " AND url = ?");
            args.add(filter.urlPrefix() ? escapeLike(filter.url()) + "%" : filter.url());
        }
        if (!filter.states().isEmpty()) {
            sql.append(" AND state IN (").append(placeholders(filter.states().size())).append(')');
            args.addAll(filter.states());
        }
        if (filter.label() != null) {
            sql.append(" AND (',' || labels || ',') LIKE ? ESCAPE '\\'");
            args.add("%," + escapeLike(filter.label()) + ",%");
        }
        addIfPresent(sql, args, " AND created_at >= ?", filter.fromDate());
        addIfPresent(sql, args, " AND created_at <= ?", filter.toDate());
        addIfPresent(sql, args, " AND created_at = ?", filter.createdAt());
        addIfPresent(sql, args, " AND caller_ip = ?", filter.callerIp());
        if (filter.flowControlKey() != null) {
            sql.append(" AND config LIKE ? ESCAPE '\\'");
            args.add("%\"flowControlKey\":\"" + escapeLike(filter.flowControlKey()) + "\"%");
        }
        if (after != null) {
            sql.append(" AND (created_at < ? OR (created_at = ? AND run_id < ?))");
            args.add(after.createdAt());
            args.add(after.createdAt());
            args.add(after.runId());
        }
        sql.append(" ORDER BY created_at DESC, run_id DESC LIMIT ").append(Math.max(0, limit));
        return this.jdbc.query(sql.toString(), this::run, args.toArray());
    }

    @Override
    public List<Run> deadLetters(DeadLetterFilter filter, @Nullable Long afterDlqSeq, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + qualified("r", RUN_COLUMNS)
                + " FROM qs_workflow_run r JOIN qs_message m ON m.dlq_id = r.dlq_id"
                + " WHERE r.state = ? AND m.state = 'FAILED'");
        List<Object> args = new ArrayList<>(List.of(FAILED));
        addIn(sql, args, "r.dlq_id", filter.dlqIds());
        addIn(sql, args, "r.run_id", filter.runIds());
        addIn(sql, args, "r.url", filter.workflowUrls());
        addIn(sql, args, "m.url", filter.urls());
        addIn(sql, args, "m.response_status", filter.responseStatuses());
        addIn(sql, args, "r.failure_state", filter.failureStates());
        addIn(sql, args, "r.caller_ip", filter.callerIps());
        addAnyLike(sql, args, "(',' || r.labels || ',')",
                filter.labels().stream().map((label) -> "%," + escapeLike(label) + ",%").toList());
        addAnyLike(sql, args, "r.config",
                filter.flowControlKeys()
                    .stream()
                    .map((key) -> "%\"flowControlKey\":\"" + escapeLike(key) + "\"%")
                    .toList());
        addIfPresent(sql, args, " AND r.created_at = ?", filter.createdAt());
        addIfPresent(sql, args, " AND r.completed_at >= ?", filter.fromDate());
        addIfPresent(sql, args, " AND r.completed_at <= ?", filter.toDate());
        addIfPresent(sql, args, " AND m.dlq_seq > ?", afterDlqSeq);
        sql.append(" ORDER BY m.dlq_seq LIMIT ").append(Math.max(0, limit));
        return this.jdbc.query(sql.toString(), this::run, args.toArray());
    }

    @Override
    public OptionalInt append(String runId, String messageId, String callType, byte[] body, long now) {
        // The row lock serialises the appends of a run: each sees all entries before it.
        int updated = this.jdbc.update(
                "UPDATE qs_workflow_run SET entry_count = entry_count + 1 WHERE run_id = ? AND state = ?", runId,
                STARTED);
        if (updated == 0) {
            return OptionalInt.empty();
        }
        Integer count = this.jdbc.queryForObject("SELECT entry_count FROM qs_workflow_run WHERE run_id = ?",
                Integer.class, runId);
        int position = ((count != null) ? count : 1) - 1;
        insertEntry(runId, position, messageId, callType, body, now);
        return OptionalInt.of(position);
    }

    private void insertEntry(String runId, int position, String messageId, String callType, byte[] body,
            long createdAt) {
        this.jdbc.update("INSERT INTO qs_workflow_entry (run_id, position, message_id, call_type, body, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", runId, position, messageId, callType, body, createdAt);
    }

    @Override
    public List<Entry> history(String runId, int upTo) {
        return this.jdbc.query(
                "SELECT position, message_id, call_type, body, created_at FROM qs_workflow_entry"
                        + " WHERE run_id = ? AND position <= ? ORDER BY position",
                (rs, row) -> new Entry(rs.getInt(1), rs.getString(2), rs.getString(3), bytes(rs, 4), rs.getLong(5)),
                runId, upTo);
    }

    @Override
    public Optional<EntryRef> entryOf(String messageId) {
        return this.jdbc
            .query("SELECT run_id, position, call_type FROM qs_workflow_entry WHERE message_id = ?",
                    (rs, row) -> new EntryRef(rs.getString(1), rs.getInt(2), rs.getString(3)), messageId)
            .stream()
            .findFirst();
    }

    @Override
    public boolean completeHandshake(String runId, String messageId, byte[] body) {
        int updated = this.jdbc.update(
                "UPDATE qs_workflow_run SET awaiting_sdk = FALSE WHERE run_id = ? AND awaiting_sdk = TRUE AND state = ?",
                runId, STARTED);
        if (updated == 0) {
            return false;
        }
        this.jdbc.update("UPDATE qs_workflow_entry SET message_id = ?, body = ? WHERE run_id = ? AND position = 0",
                messageId, body, runId);
        return true;
    }

    @Override
    public boolean finish(String runId, String state, long now, byte @Nullable [] responseBody, @Nullable String dlqId,
            @Nullable String error) {
        return this.jdbc.update(
                "UPDATE qs_workflow_run SET state = ?, completed_at = ?, response_body = ?, dlq_id = ?, error = ?"
                        + " WHERE run_id = ? AND state = ?",
                state, now, responseBody, dlqId, error, runId, STARTED) == 1;
    }

    @Override
    public void failureCallback(String runId, String messageId, String state) {
        this.jdbc.update("UPDATE qs_workflow_run SET failure_message_id = ?, failure_state = ? WHERE run_id = ?",
                messageId, state, runId);
    }

    @Override
    public List<String> liveMessageIds(String runId) {
        return this.jdbc.queryForList("SELECT e.message_id FROM qs_workflow_entry e JOIN qs_message m"
                + " ON m.id = e.message_id WHERE e.run_id = ? AND m.state <> 'FAILED'", String.class, runId);
    }

    @Override
    public void insertWaiter(Waiter waiter) {
        this.jdbc.update(
                "INSERT INTO qs_workflow_waiter (" + WAITER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                waiter.id(), waiter.runId(), waiter.eventId(), waiter.url(), JsonColumns.write(waiter.headers()),
                waiter.timeout(), waiter.deadline(), waiter.timeoutUrl(), JsonColumns.write(waiter.timeoutHeaders()),
                waiter.timeoutBody(), waiter.step(), waiter.createdAt());
    }

    @Override
    public List<Waiter> takeWaiters(String eventId, @Nullable String runId) {
        List<Waiter> waiters = (runId != null) ? this.jdbc.query(
                "SELECT " + WAITER_COLUMNS
                        + " FROM qs_workflow_waiter WHERE event_id = ? AND run_id = ? ORDER BY created_at, id",
                this::waiter, eventId, runId) : waiters(eventId);
        return taken(waiters);
    }

    @Override
    public List<Waiter> waiters(String eventId) {
        return this.jdbc.query(
                "SELECT " + WAITER_COLUMNS + " FROM qs_workflow_waiter WHERE event_id = ? ORDER BY created_at, id",
                this::waiter, eventId);
    }

    @Override
    public List<Waiter> takeExpiredWaiters(long now, int limit) {
        return taken(this.jdbc.query("SELECT " + WAITER_COLUMNS
                + " FROM qs_workflow_waiter WHERE deadline <= ? ORDER BY deadline, id LIMIT " + Math.max(0, limit),
                this::waiter, now));
    }

    /** Deletes the waiters read; keeps those another transaction deleted first. */
    private List<Waiter> taken(List<Waiter> waiters) {
        List<Waiter> taken = new ArrayList<>();
        for (Waiter waiter : waiters) {
            if (this.jdbc.update("DELETE FROM qs_workflow_waiter WHERE id = ?", waiter.id()) == 1) {
                taken.add(waiter);
            }
        }
        return taken;
    }

    @Override
    public @Nullable Long earliestDeadline() {
        return this.jdbc.queryForObject("SELECT MIN(deadline) FROM qs_workflow_waiter", Long.class);
    }

    @Override
    public void insertNotification(Notification notification) {
        this.jdbc.update(
                "INSERT INTO qs_workflow_notification (id, run_id, event_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
                notification.id(), notification.runId(), notification.eventId(), notification.body(),
                notification.createdAt());
    }

    @Override
    public Optional<Notification> takeNotification(String runId, String eventId) {
        for (Notification notification : this.jdbc.query(
                "SELECT id, run_id, event_id, body, created_at FROM qs_workflow_notification"
                        + " WHERE run_id = ? AND event_id = ? ORDER BY created_at, id",
                (rs, row) -> new Notification(rs.getString(1), rs.getString(2), rs.getString(3), bytes(rs, 4),
                        rs.getLong(5)),
                runId, eventId)) {
            if (this.jdbc.update("DELETE FROM qs_workflow_notification WHERE id = ?", notification.id()) == 1) {
                return Optional.of(notification);
            }
        }
        return Optional.empty();
    }

    @Override
    public void deleteWaits(String runId) {
        this.jdbc.update("DELETE FROM qs_workflow_waiter WHERE run_id = ?", runId);
        this.jdbc.update("DELETE FROM qs_workflow_notification WHERE run_id = ?", runId);
    }

    @Override
    public int deleteRunsEndedBefore(long time) {
        this.jdbc.update("DELETE FROM qs_workflow_entry WHERE run_id IN"
                + " (SELECT run_id FROM qs_workflow_run WHERE state <> ? AND completed_at < ?)", STARTED, time);
        return this.jdbc.update("DELETE FROM qs_workflow_run WHERE state <> ? AND completed_at < ?", STARTED, time);
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        String labels = rs.getString(8);
        return new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), nullableLong(rs, 5),
                rs.getBoolean(6), rs.getString(7),
                (labels == null || labels.isEmpty()) ? List.of() : List.of(labels.split(",")),
                JsonColumns.MAPPER.readValue(rs.getString(9), RunConfig.class), headers(rs.getString(10)),
                bytes(rs, 11), rs.getBytes(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17));
    }

    private Waiter waiter(ResultSet rs, int row) throws SQLException {
        return new Waiter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), headers(rs.getString(5)),
                rs.getString(6), rs.getLong(7), rs.getString(8), headers(rs.getString(9)), rs.getBytes(10),
                rs.getString(11), rs.getLong(12));
    }

    private static Map<String, List<String>> headers(@Nullable String json) {
        return (json != null) ? JsonColumns.MAPPER.readValue(json, JsonColumns.HEADERS) : Map.of();
    }

    private static byte[] bytes(ResultSet rs, int column) throws SQLException {
        byte[] value = rs.getBytes(column);
        return (value != null) ? value : new byte[0];
    }

    private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static void addIfPresent(StringBuilder sql, List<Object> args, String condition, @Nullable Object value) {
        if (value != null) {
            sql.append(condition);
            args.add(value);
        }
    }

    private static void addIn(StringBuilder sql, List<Object> args, String column, List<?> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (").append(placeholders(values.size())).append(')');
            args.addAll(values);
        }
    }

    private static void addAnyLike(StringBuilder sql, List<Object> args, String expression, List<String> patterns) {
        if (!patterns.isEmpty()) {
            sql.append(" AND (")
                .append(String.join(" OR ", Collections.nCopies(patterns.size(), expression + " LIKE ? ESCAPE '\\'")))
                .append(')');
            args.addAll(patterns);
        }
    }

    private static String qualified(String alias, String columns) {
        return Arrays.stream(columns.split(","))
            .map((column) -> alias + "." + column.trim())
            .collect(Collectors.joining(", "));
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

}
