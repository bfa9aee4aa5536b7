package io.github.qstashspring.broker.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.store.StoredMessage.DeadLetter;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Plain JDBC access to {@code qs_message} for the broker's hot paths, where loading and
 * flushing entities through JPA cost more than the database work itself: batched inserts
 * of new messages (the arrival sequence number drawn by the insert), loading claimed
 * messages, and deleting delivered messages still held under the deliverer's lease.
 * Callers run these inside a transaction.
 */
final class MessageRows {

    private static final String COLUMNS = "id, seq, state, next_delivery_at, lease_until, cancel_requested, "
            + EnvelopeColumns.NAMES + ", " + ContentColumns.NAMES + ", turn_queue, retried, callback_options,"
            + " failure_callback_options, flow_parallelism, flow_rate, flow_period, redact, not_before, created_at,"
            + " dlq_id, dlq_seq";

    /** The columns bound after {@code seq}. */
    private static final int BOUND = 4 + EnvelopeColumns.COUNT + ContentColumns.COUNT + 12;

    private static final int IN_LIST_CHUNK = 500;

    private static final HeaderMapConverter HEADERS = new HeaderMapConverter();

    private static final CallbackOptionsConverter CALLBACK_OPTIONS = new CallbackOptionsConverter();

    private final JdbcTemplate jdbc;

    private final String insert;

    private final String owner;

    /**
     * @param jdbc the broker's JDBC template
     * @param database which database it is
     * @param owner the instance id that messages inserted already claimed carry
     */
    MessageRows(JdbcTemplate jdbc, BrokerDatabase database, String owner) {
        this.jdbc = jdbc;
        this.owner = owner;
        this.insert = "INSERT INTO qs_message (" + COLUMNS + ", claimed_by) VALUES (?, "
                + database.nextValue("qs_message_seq") + ", " + "?, ".repeat(BOUND) + "?)";
    }

    /**
     * Inserts new messages in one batch. Each gets the next arrival sequence number from
     * the database (its {@code seq} is not read); those inserted already claimed
     * ({@code ACTIVE}) carry this instance as their claim's owner.
     * @param messages the messages
     */
    void insert(List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        this.jdbc.batchUpdate(this.insert, messages, messages.size(), (statement, message) -> {
            DeadLetter entry = message.deadLetter();
            Parameters parameters = new Parameters(statement).string(message.id())
                .string(message.state().name())
                .number(message.nextDeliveryAt())
                .number(message.leaseUntil())
                .bool(message.cancelRequested());
            EnvelopeColumns.bind(parameters, message.envelope());
            ContentColumns
                .bind(parameters, message.headers(), message.body(), (entry != null) ? entry.responseStatus() : null,
                        (entry != null) ? entry.responseHeaders() : Map.of(),
                        (entry != null) ? entry.responseBody() : null)
                .string(message.turnQueue())
                .integer(message.retried())
                .string(CALLBACK_OPTIONS.convertToDatabaseColumn(message.callbackOptions()))
                .string(CALLBACK_OPTIONS.convertToDatabaseColumn(message.failureCallbackOptions()))
                .integer(message.flowParallelism())
                .integer(message.flowRate())
                .number(message.flowPeriod())
                .string(message.redact())
                .number(message.notBefore())
                .number(message.createdAt())
                .string((entry != null) ? entry.dlqId() : null)
                .number((entry != null) ? entry.dlqSeq() : null)
                .string((message.state() == State.ACTIVE) ? this.owner : null);
        });
    }

    /**
     * Loads messages by id (unknown ids are skipped), in arrival order.
     * @param ids the ids
     * @return the messages found
     */
    List<StoredMessage> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>(ids);
        List<StoredMessage> found = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK));
            String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            found.addAll(this.jdbc.query("SELECT " + COLUMNS + " FROM qs_message WHERE id IN (" + placeholders + ")",
                    (row, rowNumber) -> message(row), chunk.toArray()));
        }
        found.sort(Comparator.comparingLong(StoredMessage::seq));
        return found;
    }

    /**
     * Deletes messages that are still claimed under the given lease, i.e. by the caller:
     * a message cancelled and removed meanwhile, or whose lease expired and was claimed
     * again, is left alone.
     * @param messages the messages, with the lease they were claimed under
     * @return for each message, whether it was deleted
     */
    boolean[] deleteClaimed(List<StoredMessage> messages) {
        boolean[] deleted = new boolean[messages.size()];
        if (messages.isEmpty()) {
            return deleted;
        }
        List<Object[]> args = new ArrayList<>(messages.size());
        for (StoredMessage message : messages) {
            args.add(new Object[] { message.id(), message.leaseUntil() });
        }
        int[] counts = this.jdbc
            .batchUpdate("DELETE FROM qs_message WHERE id = ? AND state = 'ACTIVE' AND lease_until = ?", args);
        for (int i = 0; i < counts.length; i++) {
            deleted[i] = counts[i] > 0;
        }
        return deleted;
    }

    private static StoredMessage message(ResultSet row) throws SQLException {
        byte[] body = row.getBytes("body");
        String dlqId = row.getString("dlq_id");
        DeadLetter entry = (dlqId != null) ? new DeadLetter(dlqId, row.getLong("dlq_seq"),
                row.getObject("response_status", Integer.class),
                HEADERS.convertToEntityAttribute(row.getString("response_headers")), row.getBytes("response_body"))
                : null;
        return new StoredMessage(row.getString("id"), row.getLong("seq"), State.valueOf(row.getString("state")),
                row.getLong("next_delivery_at"), row.getObject("lease_until", Long.class),
                row.getBoolean("cancel_requested"), EnvelopeColumns.read(row), row.getString("turn_queue"),
                HEADERS.convertToEntityAttribute(row.getString("headers")), (body != null) ? body : new byte[0],
                row.getInt("retried"), CALLBACK_OPTIONS.convertToEntityAttribute(row.getString("callback_options")),
                CALLBACK_OPTIONS.convertToEntityAttribute(row.getString("failure_callback_options")),
                row.getObject("flow_parallelism", Integer.class), row.getObject("flow_rate", Integer.class),
                row.getObject("flow_period", Long.class), row.getString("redact"), row.getLong("not_before"),
                row.getLong("created_at"), entry);
    }

}
