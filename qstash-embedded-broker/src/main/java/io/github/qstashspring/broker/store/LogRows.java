package io.github.qstashspring.broker.store;

import java.util.List;

import io.github.qstashspring.broker.store.MessageStore.LogEntry;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts log entries with plain JDBC, many in one batch, each id drawn from
 * {@code qs_log_seq} by the insert. Log entries are only ever inserted here; JPA reads
 * them for the API. Callers run this inside a transaction.
 */
final class LogRows {

    private final JdbcTemplate jdbc;

    private final String insert;

    LogRows(JdbcTemplate jdbc, BrokerDatabase database) {
        this.jdbc = jdbc;
        this.insert = "INSERT INTO qs_log (id, log_time, message_id, state, error, next_delivery_time, "
                + EnvelopeColumns.NAMES + ", " + ContentColumns.NAMES + ") VALUES (" + database.nextValue("qs_log_seq")
                + ", " + "?, ".repeat(5 + EnvelopeColumns.COUNT + ContentColumns.COUNT - 1) + "?)";
    }

    /**
     * Inserts entries in one batch.
     * @param entries the entries (their ids are not read)
     */
    void insert(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        this.jdbc.batchUpdate(this.insert, entries, entries.size(), (statement, entry) -> {
            Parameters parameters = new Parameters(statement).number(entry.time())
                .string(entry.messageId())
                .string(entry.state())
                .string(entry.error())
                .number(entry.nextDeliveryTime());
            EnvelopeColumns.bind(parameters, entry.envelope());
            ContentColumns.bind(parameters, entry.headers(), entry.body(), entry.responseStatus(),
                    entry.responseHeaders(), entry.responseBody());
        });
    }

}
