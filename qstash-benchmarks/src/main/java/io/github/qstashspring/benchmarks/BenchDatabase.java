package io.github.qstashspring.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A fresh database for one measurement: an H2 file in a temporary directory (opened with
 * {@code WRITE_DELAY=0}, as the broker does), an H2 in-memory database, or a new schema
 * of the PostgreSQL database named by {@code QSTASH_TEST_POSTGRES_URL}. {@link #close()}
 * deletes it.
 */
public final class BenchDatabase implements AutoCloseable {

    private final String name;

    private final String url;

    private final @Nullable Path directory;

    private final @Nullable String postgresAdminUrl;

    private final @Nullable String schema;

    private BenchDatabase(String name, String url, @Nullable Path directory, @Nullable String postgresAdminUrl,
            @Nullable String schema) {
        this.name = name;
        this.url = url;
        this.directory = directory;
        this.postgresAdminUrl = postgresAdminUrl;
        this.schema = schema;
    }

    /**
     * A new H2 file database.
     * @return the database
     * @throws IOException when the directory cannot be created
     */
    public static BenchDatabase h2File() throws IOException {
        Path directory = Files.createTempDirectory("qstash-bench-h2");
        return new BenchDatabase("H2 file",
                "jdbc:h2:file:" + directory.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0", directory, null, null);
    }

    /**
     * @return a new H2 in-memory database
     */
    public static BenchDatabase h2Memory() {
        return new BenchDatabase("H2 memory", "jdbc:h2:mem:qstash-bench-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                null, null, null);
    }

    /**
     * A new schema in a PostgreSQL database; connections of {@link #url()} use it.
     * @param adminUrl the PostgreSQL JDBC URL
     * @return the database
     * @throws SQLException when the schema cannot be created
     */
    public static BenchDatabase postgres(String adminUrl) throws SQLException {
        String schema = "qstash_bench_" + System.currentTimeMillis() + "_" + (System.nanoTime() % 1000);
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        String url = adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new BenchDatabase("PostgreSQL", url, null, adminUrl, schema);
    }

    /**
     * @return "H2 file", "H2 memory" or "PostgreSQL"
     */
    public String name() {
        return this.name;
    }

    /**
     * @return the JDBC URL
     */
    public String url() {
        return this.url;
    }

    /**
     * @return whether it is PostgreSQL
     */
    public boolean isPostgres() {
        return this.postgresAdminUrl != null;
    }

    /**
     * Opens a connection.
     * @return the connection
     * @throws SQLException when it cannot be opened
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(this.url);
    }

    /**
     * Deletes the database (drops the schema, deletes the files; an in-memory one is shut
     * down).
     */
    @Override
    public void close() {
        try {
            if (this.postgresAdminUrl != null) {
                try (Connection connection = DriverManager.getConnection(this.postgresAdminUrl);
                        Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA " + this.schema + " CASCADE");
                }
            }
            else {
                try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
            }
            if (this.directory != null) {
                try (Stream<Path> files = Files.walk(this.directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
                }
            }
        }
        catch (SQLException | IOException ex) {
            System.err.println("Could not delete the benchmark database " + this.name + ": " + ex);
        }
    }

}
