package io.github.qstashspring.broker.store;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts log entries with plain JDBC, many in one batch, each id drawn from
 * {@code qs_log_seq} by the insert. Log entries are only ever inserted here; JPA reads
 * them for the API. Callers run this inside a transaction.
 */
public class LogRows {

    private static final HeaderMapConverter HEADERS = new HeaderMapConverter();

    private final JdbcTemplate jdbc;

    private final String insert;

    /**
     * Creates the writer on the broker's database.
     * @param jdbc the broker's JDBC template
     * @param database which database it is
     */
    public LogRows(JdbcTemplate jdbc, BrokerDatabase database) {
        this.jdbc = jdbc;
        this.insert = "INSERT INTO qs_log (id, log_time, message_id, state, error, next_delivery_time, url, url_host,"
                + " url_path, topic_name, endpoint_name, schedule_id, queue_name, method, headers, body, response_status,"
                + " response_headers, response_body, timeout_ms, callback, failure_callback, max_retries,"
                + " retry_delay_expression, labels, caller_ip, flow_control_key) VALUES ("
                + database.nextValue("qs_log_seq") + ", " + "?, ".repeat(25) + "?)";
    }

    /**
     * Inserts entries in one batch.
     * @param entries the entries (their ids are not read)
     */
    public void insert(List<LogEntity> entries) {
        if (entries.isEmpty()) {
            return;
        }
        this.jdbc.batchUpdate(this.insert, entries, entries.size(),
                (statement, entry) -> new Parameters(statement).number(entry.getTime())
                    .string(entry.getMessageId())
                    .string(entry.getState())
                    .string(entry.getError())
                    .number(entry.getNextDeliveryTime())
                    .string(entry.getUrl())
                    .string(entry.getUrlHost())
                    .string(entry.getUrlPath())
                    .string(entry.getTopicName())
                    .string(entry.getEndpointName())
                    .string(entry.getScheduleId())
                    .string(entry.getQueueName())
                    .string(entry.getMethod())
                    .string(HEADERS.convertToDatabaseColumn(entry.getHeaders()))
                    .bytes(entry.getBody())
                    .integer(entry.getResponseStatus())
                    .string(HEADERS.convertToDatabaseColumn(entry.getResponseHeaders()))
                    .bytes(entry.getResponseBody())
                    .number(entry.getTimeoutMs())
                    .string(entry.getCallback())
                    .string(entry.getFailureCallback())
                    .integer(entry.getMaxRetries())
                    .string(entry.getRetryDelayExpression())
                    .string(entry.labelsColumn())
                    .string(entry.getCallerIp())
                    .string(entry.getFlowControlKey()));
    }

}
