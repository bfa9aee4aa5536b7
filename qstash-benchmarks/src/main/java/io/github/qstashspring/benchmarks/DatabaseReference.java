package io.github.qstashspring.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.qstashspring.benchmarks.receiver.ArrivalLog;

/**
 * The database reference: how many rows of a 1 KiB body a database commits per second
 * through plain JDBC, with one row per commit (on one connection, and on several
 * connections at once) and with {@value #BATCH} rows per commit.
 */
public final class DatabaseReference {

    /** Rows per commit of the batched measurement. */
    public static final int BATCH = 100;

    private DatabaseReference() {
    }

    /**
     * The figures of one database.
     *
     * @param singleOneConnection rows/s, one row per commit, one connection
     * @param singleConcurrent rows/s, one row per commit, {@code connections} connections
     * @param connections connections of the concurrent measurement
     * @param batched rows/s, {@value #BATCH} rows per commit, one connection
     */
    public record Result(double singleOneConnection, double singleConcurrent, int connections, double batched) {
    }

    /**
     * Measures a database.
     * @param database the database
     * @param duration each phase's duration
     * @param connections connections of the concurrent phase
     * @return the figures
     * @throws Exception on a database failure
     */
    public static Result measure(BenchDatabase database, Duration duration, int connections) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_insert (id BIGINT PRIMARY KEY, body "
                    + (database.isPostgres() ? "BYTEA" : "VARBINARY(2048)") + ")");
        }
        AtomicLong ids = new AtomicLong();
        Connection[] pool = new Connection[connections];
        PreparedStatement[] inserts = new PreparedStatement[connections];
        try {
            for (int i = 0; i < connections; i++) {
                pool[i] = database.connect();
                pool[i].setAutoCommit(false);
                inserts[i] = pool[i].prepareStatement("INSERT INTO bench_insert (id, body) VALUES (?, ?)");
            }
            ClosedLoop.Result one = ClosedLoop.run(1, duration, (t) -> insert(pool[0], inserts[0], ids, 1));
            ClosedLoop.Result concurrent = ClosedLoop.run(connections, duration,
                    (t) -> insert(pool[t], inserts[t], ids, 1));
            ClosedLoop.Result batched = ClosedLoop.run(1, duration, (t) -> insert(pool[0], inserts[0], ids, BATCH));
            return new Result(one.perSecond(), concurrent.perSecond(), connections, batched.perSecond() * BATCH);
        }
        finally {
            for (Connection connection : pool) {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }

    private static void insert(Connection connection, PreparedStatement insert, AtomicLong ids, int rows)
            throws SQLException {
        for (int i = 0; i < rows; i++) {
            long id = ids.incrementAndGet();
            insert.setLong(1, id);
            insert.setBytes(2, ArrivalLog.body(id, 1024));
            if (rows == 1) {
                insert.executeUpdate();
            }
            else {
                insert.addBatch();
            }
        }
        if (rows > 1) {
            insert.executeBatch();
        }
        connection.commit();
    }

}
