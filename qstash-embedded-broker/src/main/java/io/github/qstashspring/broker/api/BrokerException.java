package io.github.qstashspring.broker.api;

import java.util.Map;

/**
 * A request the broker refuses; answered as {@code {"error": message}} with
 * {@link #getStatus()}. Any package may throw it from an operation of the API.
 */
public final class BrokerException extends RuntimeException {

    private final int status;

    private final Map<String, String> headers;

    /**
     * Creates the exception.
     * @param status the HTTP status to answer
     * @param message the error text
     */
    public BrokerException(int status, String message) {
        this(status, message, Map.of());
    }

    /**
     * Creates the exception with response headers (for example a rate limit's).
     * @param status the HTTP status to answer
     * @param message the error text
     * @param headers headers to send with the error
     */
    public BrokerException(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /**
     * A 400 Bad Request.
     * @param message the error text
     * @return the exception
     */
    public static BrokerException badRequest(String message) {
        return new BrokerException(400, message);
    }

    /**
     * A 404 Not Found.
     * @param message the error text
     * @return the exception
     */
    public static BrokerException notFound(String message) {
        return new BrokerException(404, message);
    }

    /**
     * @return the headers to send with the error
     */
    public Map<String, String> getHeaders() {
        return this.headers;
    }

    /**
     * @return the HTTP status to answer
     */
    public int getStatus() {
        return this.status;
    }

}
