package io.github.qstashspring.broker.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Plain JDBC access to {@code qs_message} for the broker's hot paths, where loading and
 * flushing entities through JPA cost more than the database work itself: batched inserts
 * of new messages (the arrival sequence number drawn by the insert), loading claimed
 * messages, and deleting delivered messages still held under the deliverer's lease.
 * Callers run these inside a transaction.
 */
public class MessageRows {

    private static final String COLUMNS = "id, seq, state, next_delivery_at, lease_until, cancel_requested, url, url_host,"
            + " url_path, topic_name, endpoint_name, queue_name, turn_queue, schedule_id, method, headers, body,"
            + " max_retries, retried, retry_delay_expression, timeout_ms, callback, callback_options, failure_callback,"
            + " failure_callback_options, caller_ip, labels, flow_control_key, flow_parallelism, flow_rate, flow_period,"
            + " redact, not_before, created_at, dlq_id, dlq_seq, response_status, response_headers, response_body";

    private static final int IN_LIST_CHUNK = 500;

    private static final HeaderMapConverter HEADERS = new HeaderMapConverter();

    private static final CallbackOptionsConverter CALLBACK_OPTIONS = new CallbackOptionsConverter();

    private final JdbcTemplate jdbc;

    private final String insert;

    /**
     * Creates the row access on the broker's database.
     * @param jdbc the broker's JDBC template
     * @param database which database it is
     */
    public MessageRows(JdbcTemplate jdbc, BrokerDatabase database) {
        this.jdbc = jdbc;
        this.insert = "INSERT INTO qs_message (" + COLUMNS + ") VALUES (?, " + database.nextValue("qs_message_seq")
                + ", " + "?, ".repeat(36) + "?)";
    }

    /**
     * Inserts new messages in one batch. Each gets the next arrival sequence number from
     * the database (its {@code seq} field is not read).
     * @param messages the messages
     */
    public void insert(List<MessageEntity> messages) {
        if (messages.isEmpty()) {
            return;
        }
        this.jdbc.batchUpdate(this.insert, messages, messages.size(), (statement, message) -> {
            new Parameters(statement).string(message.getId())
                .string(message.getState().name())
                .number(message.getNextDeliveryAt())
                .number(message.getLeaseUntil())
                .bool(message.isCancelRequested())
                .string(message.getUrl())
                .string(message.getUrlHost())
                .string(message.getUrlPath())
                .string(message.getTopicName())
                .string(message.getEndpointName())
                .string(message.getQueueName())
                .string(message.getTurnQueue())
                .string(message.getScheduleId())
                .string(message.getMethod())
                .string(HEADERS.convertToDatabaseColumn(message.getHeaders()))
                .bytes(message.getBody())
                .integer(message.getMaxRetries())
                .integer(message.getRetried())
                .string(message.getRetryDelayExpression())
                .number(message.getTimeoutMs())
                .string(message.getCallback())
                .string(CALLBACK_OPTIONS.convertToDatabaseColumn(message.getCallbackOptions()))
                .string(message.getFailureCallback())
                .string(CALLBACK_OPTIONS.convertToDatabaseColumn(message.getFailureCallbackOptions()))
                .string(message.getCallerIp())
                .string(message.labelsColumn())
                .string(message.getFlowControlKey())
                .integer(message.getFlowParallelism())
                .integer(message.getFlowRate())
                .number(message.getFlowPeriod())
                .string(message.getRedact())
                .number(message.getNotBefore())
                .number(message.getCreatedAt())
                .string(message.getDlqId())
                .number(message.getDlqSeq())
                .integer(message.getResponseStatus())
                .string(HEADERS.convertToDatabaseColumn(message.getResponseHeaders()))
                .bytes(message.getResponseBody());
            message.markStored();
        });
    }

    /**
     * Loads messages by id (unknown ids are skipped), in arrival order.
     * @param ids the ids
     * @return the messages found
     */
    public List<MessageEntity> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>(ids);
        List<MessageEntity> found = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK));
            String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            found.addAll(this.jdbc.query("SELECT " + COLUMNS + " FROM qs_message WHERE id IN (" + placeholders + ")",
                    (row, rowNumber) -> message(row), chunk.toArray()));
        }
        found.sort((a, b) -> Long.compare(a.getSeq(), b.getSeq()));
        return found;
    }

    /**
     * Deletes messages that are still claimed under the given lease, i.e. by the caller:
     * a message cancelled and removed meanwhile, or whose lease expired and was claimed
     * again, is left alone.
     * @param messages the messages, with the lease they were claimed under
     * @return for each message, whether it was deleted
     */
    public boolean[] deleteClaimed(List<MessageEntity> messages) {
        boolean[] deleted = new boolean[messages.size()];
        if (messages.isEmpty()) {
            return deleted;
        }
        List<Object[]> args = new ArrayList<>(messages.size());
        for (MessageEntity message : messages) {
            args.add(new Object[] { message.getId(), message.getLeaseUntil() });
        }
        int[] counts = this.jdbc
            .batchUpdate("DELETE FROM qs_message WHERE id = ? AND state = 'ACTIVE' AND lease_until = ?", args);
        for (int i = 0; i < counts.length; i++) {
            deleted[i] = counts[i] > 0;
        }
        return deleted;
    }

    private static MessageEntity message(ResultSet row) throws SQLException {
        MessageEntity message = new MessageEntity();
        message.setId(row.getString("id"));
        message.setSeq(row.getLong("seq"));
        message.setState(MessageState.valueOf(row.getString("state")));
        message.setNextDeliveryAt(row.getLong("next_delivery_at"));
        message.setLeaseUntil(row.getObject("lease_until", Long.class));
        message.setCancelRequested(row.getBoolean("cancel_requested"));
        message.setUrl(row.getString("url"));
        message.setUrlHost(row.getString("url_host"));
        message.setUrlPath(row.getString("url_path"));
        message.setTopicName(row.getString("topic_name"));
        message.setEndpointName(row.getString("endpoint_name"));
        message.setQueueName(row.getString("queue_name"));
        message.setTurnQueue(row.getString("turn_queue"));
        message.setScheduleId(row.getString("schedule_id"));
        message.setMethod(row.getString("method"));
        message.setHeaders(HEADERS.convertToEntityAttribute(row.getString("headers")));
        byte[] body = row.getBytes("body");
        message.setBody((body != null) ? body : new byte[0]);
        message.setMaxRetries(row.getInt("max_retries"));
        message.setRetried(row.getInt("retried"));
        message.setRetryDelayExpression(row.getString("retry_delay_expression"));
        message.setTimeoutMs(row.getObject("timeout_ms", Long.class));
        message.setCallback(row.getString("callback"));
        message.setCallbackOptions(CALLBACK_OPTIONS.convertToEntityAttribute(row.getString("callback_options")));
        message.setFailureCallback(row.getString("failure_callback"));
        message.setFailureCallbackOptions(
                CALLBACK_OPTIONS.convertToEntityAttribute(row.getString("failure_callback_options")));
        message.setCallerIp(row.getString("caller_ip"));
        message.setLabelsColumn(row.getString("labels"));
        message.setFlowControlKey(row.getString("flow_control_key"));
        message.setFlowParallelism(row.getObject("flow_parallelism", Integer.class));
        message.setFlowRate(row.getObject("flow_rate", Integer.class));
        message.setFlowPeriod(row.getObject("flow_period", Long.class));
        message.setRedact(row.getString("redact"));
        message.setNotBefore(row.getLong("not_before"));
        message.setCreatedAt(row.getLong("created_at"));
        message.setDlqId(row.getString("dlq_id"));
        message.setDlqSeq(row.getObject("dlq_seq", Long.class));
        message.setResponseStatus(row.getObject("response_status", Integer.class));
        message.setResponseHeaders(HEADERS.convertToEntityAttribute(row.getString("response_headers")));
        message.setResponseBody(row.getBytes("response_body"));
        message.markStored();
        return message;
    }

}
