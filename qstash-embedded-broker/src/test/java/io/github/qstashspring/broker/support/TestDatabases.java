package io.github.qstashspring.broker.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Databases for broker tests: a fresh H2 in-memory database, or a fresh PostgreSQL schema
 * (in the database {@value #POSTGRES_ENV} names), and their disposal, so that concurrent
 * runs never see each other's rows and leave nothing behind. {@link TestBrokers} disposes
 * the databases of the brokers it started.
 */
public final class TestDatabases {

    /** The environment variable naming the PostgreSQL test database. */
    public static final String POSTGRES_ENV = "QSTASH_TEST_POSTGRES_URL";

    private static final Pattern SCHEMA = Pattern.compile("[?&]currentSchema=(qstash_test_[a-z0-9_]+)");

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyyMMddHHmm")
        .withZone(ZoneOffset.UTC);

    /**
     * Schemas left behind by runs that ended without disposing of them are dropped after
     * this.
     */
    private static final Duration LEFT_BEHIND = Duration.ofDays(1);

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
     * Creates a new schema in the PostgreSQL test database, named after its creation
     * time, and drops the schemas of runs that ended (killed, or in a cached Spring test
     * context that lives until the JVM ends) more than a day ago.
     * @return a URL whose current schema is the new one
     */
    public static String postgres() {
        String base = postgresBase();
        if (base == null) {
            throw new IllegalStateException(POSTGRES_ENV + " is not set");
        }
        Instant now = Instant.now();
        dropLeftBehind(base, now.minus(LEFT_BEHIND));
        String schema = "qstash_test_" + CREATED.format(now) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute(base, "CREATE SCHEMA " + schema);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * Disposes of a database made here once no broker uses it any more: drops a
     * PostgreSQL schema with everything in it, or closes an H2 in-memory database (which
     * would otherwise live until the JVM ends). Other URLs are left alone.
     * @param url the URL {@link #h2()} or {@link #postgres()} returned
     */
    public static void dispose(String url) {
        Matcher schema = SCHEMA.matcher(url);
        String base = postgresBase();
        if (base != null && url.startsWith(base) && schema.find()) {
            execute(base, "DROP SCHEMA " + schema.group(1) + " CASCADE");
        }
        else if (url.startsWith("jdbc:h2:mem:broker-")) {
            execute(url, "SHUTDOWN");
        }
    }

    private static void dropLeftBehind(String base, Instant before) {
        String oldest = "qstash_test_" + CREATED.format(before);
        try (Connection connection = DriverManager.getConnection(base);
                Statement statement = connection.createStatement();
                ResultSet schemas = statement
                    .executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'qstash\\_test\\_%'")) {
            List<String> leftBehind = new ArrayList<>();
            while (schemas.next()) {
                String name = schemas.getString(1);
                if (name.matches("qstash_test_\\d{12}_.*") && name.compareTo(oldest) < 0) {
                    leftBehind.add(name);
                }
            }
            for (String name : leftBehind) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot drop the test schemas left behind", ex);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot run " + sql + " on the test database", ex);
        }
    }

}
