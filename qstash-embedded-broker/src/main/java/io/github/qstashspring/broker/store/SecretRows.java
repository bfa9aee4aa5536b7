package io.github.qstashspring.broker.store;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The broker's own secrets ({@code qs_secret}): generated once per database, then read.
 * Each statement runs in a transaction of its own, so that two brokers starting on one
 * database both end up with the value the first one stored.
 */
final class SecretRows {

    private final JdbcTemplate jdbc;

    private final TransactionOperations transactions;

    SecretRows(JdbcTemplate jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    String secret(String name, Supplier<String> generator) {
        String stored = find(name);
        if (stored != null) {
            return stored;
        }
        try {
            String value = generator.get();
            this.transactions.executeWithoutResult((status) -> this.jdbc
                .update("INSERT INTO qs_secret (name, secret_value) VALUES (?, ?)", name, value));
        }
        catch (DuplicateKeyException ex) {
            // Another broker on this database stored it first: its value is the one.
        }
        String value = find(name);
        if (value == null) {
            throw new IllegalStateException("The broker's secret '" + name + "' was not stored");
        }
        return value;
    }

    private @Nullable String find(String name) {
        List<String> values = this.transactions.execute((status) -> this.jdbc
            .queryForList("SELECT secret_value FROM qs_secret WHERE name = ?", String.class, name));
        return (values == null || values.isEmpty()) ? null : values.get(0);
    }

}
