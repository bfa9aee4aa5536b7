package io.github.qstashspring.broker.message;

/**
 * A request the broker refuses; answered as {@code {"error": message}} with {@link #getStatus()}.
 */
public class BrokerException extends RuntimeException {

    private final int status;

    /**
     * Creates the exception.
     * @param status the HTTP status to answer
     * @param message the error text
     */
    public BrokerException(int status, String message) {
        super(message);
        this.status = status;
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

    /** @return the HTTP status to answer */
    public int getStatus() {
        return this.status;
    }
}
