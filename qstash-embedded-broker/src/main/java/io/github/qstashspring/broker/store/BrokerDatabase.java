package io.github.qstashspring.broker.store;

import java.util.Locale;

/**
 * Which database the broker runs on, from its JDBC URL, and the URL it really opens: H2
 * file URLs get {@code WRITE_DELAY=0} (H2 otherwise loses the last half second of
 * acknowledged commits on a crash) unless the URL sets it.
 */
public final class BrokerDatabase {

    private final String url;

    private final boolean postgres;

    private final boolean h2File;

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
    public static BrokerDatabase of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
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
     * @return the URL to open
     */
    public String getUrl() {
        return this.url;
    }

    /**
     * @return whether it is PostgreSQL
     */
    public boolean isPostgres() {
        return this.postgres;
    }

    /**
     * @return whether it is an H2 file database, which only one process can open
     */
    public boolean isH2File() {
        return this.h2File;
    }

    /**
     * The SQL expression that draws the next value of a sequence, for use inside a
     * statement.
     * @param sequence the sequence name
     * @return e.g. {@code nextval('qs_log_seq')}
     */
    public String nextValue(String sequence) {
        return this.postgres ? "nextval('" + sequence + "')" : "NEXT VALUE FOR " + sequence;
    }

    /**
     * @return the Flyway location of this database's migrations
     */
    public String getMigrationLocation() {
        return "classpath:io/github/qstashspring/broker/db/migration/" + (this.postgres ? "postgresql" : "h2");
    }

}
