package io.github.qstashspring.listener;

/**
 * The body of a verified delivery could not be converted to the listener method's
 * parameter type (for example invalid JSON for a record). Retrying would fail the same
 * way, so it is a {@link QStashNonRetryableException}: the endpoint answers {@code 489}
 * with {@code Upstash-NonRetryable-Error: true} and the method does not run.
 */
public class QStashPayloadConversionException extends QStashNonRetryableException {

    /**
     * Creates the exception.
     * @param message what could not be converted
     * @param cause the conversion failure
     */
    public QStashPayloadConversionException(String message, Throwable cause) {
        super(message, cause);
    }

}
