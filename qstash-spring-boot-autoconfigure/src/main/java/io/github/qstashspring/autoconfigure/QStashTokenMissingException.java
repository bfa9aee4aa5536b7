package io.github.qstashspring.autoconfigure;

/**
 * Thrown when a bean needs the QStash client but no token is configured. Explained at
 * startup by {@link QStashTokenMissingFailureAnalyzer}.
 */
public class QStashTokenMissingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public QStashTokenMissingException() {
        super("No QStash token is configured (property 'qstash.token', environment variable QSTASH_TOKEN)");
    }

}
