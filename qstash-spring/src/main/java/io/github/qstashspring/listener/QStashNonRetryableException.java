package io.github.qstashspring.listener;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link QStashListener} method to tell QStash not to retry the message: the
 * endpoint answers {@code 489} with the header {@code Upstash-NonRetryable-Error: true}
 * and a {@code {"error":"<message>"}} body, and QStash moves the message to the DLQ at
 * once (and fires the failure callback, if any). Use it for input that will never
 * succeed.
 */
public class QStashNonRetryableException extends RuntimeException {

    /**
     * Creates the exception.
     * @param message why the message is rejected; it is sent back to QStash and appears
     * in its logs
     */
    public QStashNonRetryableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     * @param message why the message is rejected; it is sent back to QStash and appears
     * in its logs
     * @param cause the underlying failure
     */
    public QStashNonRetryableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

}
