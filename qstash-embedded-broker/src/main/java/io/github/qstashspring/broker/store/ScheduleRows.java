package io.github.qstashspring.broker.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import io.github.qstashspring.broker.store.ResourceStore.Schedule;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schedules in {@code qs_schedule}. A tick is claimed with a conditional update of
 * {@code next_tick_at}, so that among several brokers on one database exactly one fires
 * it. Callers run these inside a transaction.
 */
final class ScheduleRows {

    private static final String COLUMNS = "id, cron, destination, queue_name, request_headers, body, caller_ip, paused,"
            + " created_at, next_tick_at, last_tick_at, last_message_ids, last_error";

    private final JdbcTemplate jdbc;

    private final JsonMapper json = JsonColumns.MAPPER;

    ScheduleRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts or replaces a schedule (all fields; an upsert keeps the original creation
     * time).
     * @param schedule the schedule
     */
    void upsert(Schedule schedule) {
        Long createdAt = this.jdbc.query("SELECT created_at FROM qs_schedule WHERE id = ? FOR UPDATE",
                (rs) -> rs.next() ? rs.getLong(1) : null, schedule.id());
        if (createdAt != null) {
            this.jdbc.update("DELETE FROM qs_schedule WHERE id = ?", schedule.id());
        }
        this.jdbc.update("INSERT INTO qs_schedule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                schedule.id(), schedule.cron(), schedule.destination(), schedule.queueName(),
                this.json.writeValueAsString(schedule.requestHeaders()), schedule.body(), schedule.callerIp(),
                schedule.paused(), (createdAt != null) ? createdAt : schedule.createdAt(), schedule.nextTickAt(), null,
                "", null);
    }

    /**
     * Reads a schedule.
     * @param id the id
     * @return the schedule, if it exists
     */
    Optional<Schedule> find(String id) {
        return this.jdbc.query("SELECT " + COLUMNS + " FROM qs_schedule WHERE id = ?", this::row, id)
            .stream()
            .findFirst();
    }

    /**
     * Lists all schedules, oldest first.
     * @return the schedules
     */
    List<Schedule> list() {
        return this.jdbc.query("SELECT " + COLUMNS + " FROM qs_schedule ORDER BY created_at, id", this::row);
    }

    /**
     * Schedules whose next tick is due.
     * @param now epoch milliseconds
     * @param limit the most to return
     * @return the due schedules, earliest first
     */
    List<Schedule> due(long now, int limit) {
        return this.jdbc.query(
                "SELECT " + COLUMNS + " FROM qs_schedule WHERE next_tick_at <= ? ORDER BY next_tick_at LIMIT ?",
                this::row, now, limit);
    }

    /**
     * The earliest next tick of all schedules.
     * @return epoch milliseconds, or {@code null} when there is no schedule
     */
    @Nullable Long earliestTick() {
        return this.jdbc.queryForObject("SELECT MIN(next_tick_at) FROM qs_schedule", Long.class);
    }

    /**
     * Claims a tick: moves {@code next_tick_at} on only if it still has the value this
     * broker read, and records the tick as the last one unless the schedule is paused (a
     * skipped tick).
     * @param id the schedule
     * @param expectedTick the tick read
     * @param nextTick the following tick
     * @param now the time of this tick
     * @return whether this broker fires the tick (another one did if not)
     */
    boolean claimTick(String id, long expectedTick, long nextTick, long now) {
        return this.jdbc.update("UPDATE qs_schedule SET next_tick_at = ?,"
                + " last_tick_at = CASE WHEN paused THEN last_tick_at ELSE ? END WHERE id = ? AND next_tick_at = ?",
                nextTick, now, id, expectedTick) == 1;
    }

    /**
     * Records what a tick produced.
     * @param id the schedule
     * @param messageIds the messages created
     * @param error why none was created, or {@code null}
     */
    void recordTick(String id, List<String> messageIds, @Nullable String error) {
        this.jdbc.update("UPDATE qs_schedule SET last_message_ids = ?, last_error = ? WHERE id = ?",
                String.join(",", messageIds), error, id);
    }

    /**
     * Pauses or resumes a schedule.
     * @param id the schedule
     * @param paused the new state
     * @return whether it exists
     */
    boolean setPaused(String id, boolean paused) {
        return this.jdbc.update("UPDATE qs_schedule SET paused = ? WHERE id = ?", paused, id) == 1;
    }

    /**
     * Deletes a schedule.
     * @param id the schedule
     * @return whether it existed
     */
    boolean delete(String id) {
        return this.jdbc.update("DELETE FROM qs_schedule WHERE id = ?", id) == 1;
    }

    private Schedule row(ResultSet rs, int rowNum) throws SQLException {
        long lastTick = rs.getLong("last_tick_at");
        Long lastTickAt = rs.wasNull() ? null : lastTick;
        String ids = rs.getString("last_message_ids");
        byte[] body = rs.getBytes("body");
        return new Schedule(rs.getString("id"), rs.getString("cron"), rs.getString("destination"),
                rs.getString("queue_name"), this.json.readValue(rs.getString("request_headers"), JsonColumns.HEADERS),
                (body != null) ? body : new byte[0], rs.getString("caller_ip"), rs.getBoolean("paused"),
                rs.getLong("created_at"), rs.getLong("next_tick_at"), lastTickAt,
                (ids == null || ids.isEmpty()) ? List.of() : Arrays.asList(ids.split(",")), rs.getString("last_error"));
    }

}
