package io.github.qstashspring.client;

import org.jspecify.annotations.Nullable;

/**
 * Base of every error raised by the QStash client: either QStash answered with an error
 * status ({@link QStashApiException}) or it could not be reached
 * ({@link QStashConnectionException}).
 */
public class QStashException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what went wrong
     * @param cause the underlying error, if any
     */
    public QStashException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

}
