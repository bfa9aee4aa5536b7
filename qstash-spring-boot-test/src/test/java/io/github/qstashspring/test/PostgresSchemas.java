package io.github.qstashspring.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh schema in the PostgreSQL test database named by
 * {@code QSTASH_TEST_POSTGRES_URL} (set by {@code .ci/run}), so runs and test classes
 * never see each other's data.
 */
public final class PostgresSchemas {

    /** The environment variable naming the PostgreSQL test database. */
    public static final String ENV = "QSTASH_TEST_POSTGRES_URL";

    private PostgresSchemas() {
    }

    /**
     * @return a JDBC URL whose current schema is a new, empty one
     */
    public static String freshSchemaUrl() {
        String base = System.getenv(ENV);
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(ENV + " is not set");
        }
        String schema = "qstash_boot_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(base);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot create a test schema in " + ENV, ex);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

}
