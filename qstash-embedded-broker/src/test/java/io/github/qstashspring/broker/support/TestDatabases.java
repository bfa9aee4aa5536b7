package io.github.qstashspring.broker.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Databases for broker tests: a fresh H2 in-memory database, or a fresh PostgreSQL
 * schema.
 */
public final class TestDatabases {

    /** The environment variable naming the PostgreSQL test database. */
    public static final String POSTGRES_ENV = "QSTASH_TEST_POSTGRES_URL";

    private TestDatabases() {
    }

    /**
     * @return the URL of a new, empty H2 in-memory database
     */
    public static String h2() {
        return "jdbc:h2:mem:broker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /**
     * @return the configured PostgreSQL URL, or {@code null}
     */
    public static @Nullable String postgresBase() {
        String url = System.getenv(POSTGRES_ENV);
        return (url != null && !url.isBlank()) ? url : null;
    }

    /**
     * Creates a new schema in the PostgreSQL test database.
     * @return a URL whose current schema is the new one
     */
    public static String postgres() {
        String base = postgresBase();
        if (base == null) {
            throw new IllegalStateException(POSTGRES_ENV + " is not set");
        }
        String schema = "qstash_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(base);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot create a test schema in " + POSTGRES_ENV, ex);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

}
