package io.github.qstashspring.client;

/**
 * QStash could not be reached: the connection was refused or reset, or no answer came
 * within the read timeout, on the first attempt and on every transport retry
 * ({@code qstash.client.retry.*}). Whether QStash acted on the request is unknown.
 */
public class QStashConnectionException extends QStashException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what went wrong, naming the operation and the number of attempts
     * @param cause the last network error
     */
    public QStashConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

}
