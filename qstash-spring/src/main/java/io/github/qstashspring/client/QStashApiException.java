package io.github.qstashspring.client;

/**
 * QStash answered an API call with an error status (4xx or 5xx). Carries the status and
 * the error text QStash sent: the {@code error} field of its {@code {"error":"..."}}
 * body, or the raw body when it is not that JSON, or {@code status=<code>} when the body
 * is empty. Calls that got an HTTP answer are never retried by the client.
 */
public class QStashApiException extends QStashException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;

    /** QStash's error text. */
    private final String error;

    /**
     * Creates an exception.
     * @param status the HTTP status QStash answered with
     * @param error QStash's error text
     */
    public QStashApiException(int status, String error) {
        super("QStash answered " + status + ": " + error, null);
        this.status = status;
        this.error = error;
    }

    /**
     * The HTTP status QStash answered with.
     * @return the status, e.g. 400, 401, 404, 412, 429 or 500
     */
    public int getStatus() {
        return this.status;
    }

    /**
     * QStash's error text.
     * @return the {@code error} field of the response body, or the raw body
     */
    public String getError() {
        return this.error;
    }

}
