package io.github.qstashspring.broker.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Which database the broker runs on, from its JDBC URL, the URL it really opens (H2 file
 * URLs get {@code WRITE_DELAY=0}, since H2 otherwise loses the last half second of
 * acknowledged commits on a crash, unless the URL sets it), and whether this broker
 * opened it alone.
 */
final class BrokerDatabase {

    private final String url;

    private final boolean postgres;

    private final boolean h2File;

    private volatile boolean openedAlone;

    private BrokerDatabase(String url, boolean postgres, boolean h2File) {
        this.url = url;
        this.postgres = postgres;
        this.h2File = h2File;
    }

    /**
     * Recognises the database of a JDBC URL.
     * @param url the configured URL
     * @return the database
     * @throws IllegalArgumentException when the URL is neither H2 nor PostgreSQL
     */
    static BrokerDatabase of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            requirePostgresDriver();
            return new BrokerDatabase(url, true, false);
        }
        if (lower.startsWith("jdbc:h2:")) {
            boolean memory = lower.startsWith("jdbc:h2:mem:");
            String effective = (!memory && !lower.contains("write_delay=")) ? url + ";WRITE_DELAY=0" : url;
            return new BrokerDatabase(effective, false, !memory);
        }
        throw new IllegalArgumentException("qstash.embedded.database.url must be an H2 (jdbc:h2:...) or PostgreSQL "
                + "(jdbc:postgresql:...) URL");
    }

    /**
     * The PostgreSQL driver is optional for applications running the broker in-app (the
     * standalone jar includes it): a PostgreSQL URL without it fails at once, naming the
     * property and the dependency.
     */
    private static void requirePostgresDriver() {
        if (!ClassUtils.isPresent("org.postgresql.Driver", BrokerDatabase.class.getClassLoader())) {
            throw new IllegalStateException("qstash.embedded.database.url is a PostgreSQL URL, but the PostgreSQL JDBC "
                    + "driver is not on the class path: add the dependency org.postgresql:postgresql "
                    + "(and org.flywaydb:flyway-database-postgresql)");
        }
    }

    /**
     * Opens the broker's connection pool and migrates the schema. An H2 database is first
     * asked, on a connection of its own that stays open while the pool starts, whether
     * any other session has it open: if none has, this broker is its only user
     * ({@link #isOpenedAlone()}).
     * @param username the user, or {@code null}
     * @param password the password, or {@code null}
     * @param maxPoolSize the most connections
     * @return the pool
     */
    HikariDataSource open(@Nullable String username, @Nullable String password, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("qstash-broker");
        config.setJdbcUrl(this.url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setAutoCommit(false);
        if (this.postgres) {
            // A batch of inserts becomes one multi-row INSERT: one round trip instead of
            // one per row.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            return migrate(new HikariDataSource(config));
        }
        try (Connection probe = DriverManager.getConnection(this.url, username, password)) {
            this.openedAlone = sessions(probe) == 1;
            return migrate(new HikariDataSource(config));
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot open the broker's database", ex);
        }
    }

    private HikariDataSource migrate(HikariDataSource dataSource) {
        Flyway.configure()
            .dataSource(dataSource)
            .locations(getMigrationLocation())
            .table("qs_schema_history")
            .load()
            .migrate();
        return dataSource;
    }

    private static int sessions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            return count.next() ? count.getInt(1) : 0;
        }
    }

    /**
     * @return the URL to open
     */
    String getUrl() {
        return this.url;
    }

    /**
     * @return whether it is PostgreSQL
     */
    boolean isPostgres() {
        return this.postgres;
    }

    /**
     * @return whether it is an H2 file database, which only one process can open
     */
    boolean isH2File() {
        return this.h2File;
    }

    /**
     * Whether this broker was the database's only user when it opened it: an H2 database
     * that no other broker (of this process; H2 files allow one process) had open, whose
     * claimed messages are therefore orphans of a previous run. Always {@code false} for
     * PostgreSQL, which brokers share.
     * @return whether it opened the database alone
     */
    boolean isOpenedAlone() {
        return this.openedAlone;
    }

    /**
     * The SQL expression that draws the next value of a sequence, for use inside a
     * statement.
     * @param sequence the sequence name
     * @return e.g. {@code nextval('qs_log_seq')}
     */
    String nextValue(String sequence) {
        return this.postgres ? "nextval('" + sequence + "')" : "NEXT VALUE FOR " + sequence;
    }

    /**
     * The SQL expression of the database's own time in epoch milliseconds: heartbeats of
     * brokers on several hosts are written and compared on this one clock, so that the
     * hosts' clocks need not agree.
     * @return the expression
     */
    String currentMillis() {
        return this.postgres ? "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
                : "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
    }

    /**
     * @return the Flyway location of this database's migrations
     */
    String getMigrationLocation() {
        return "classpath:io/github/qstashspring/broker/db/migration/" + (this.postgres ? "postgresql" : "h2");
    }

}
