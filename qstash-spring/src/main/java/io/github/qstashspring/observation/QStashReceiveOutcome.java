package io.github.qstashspring.observation;

/** How a delivery to a {@code @QStashListener} ended, as QStash sees it. */
public enum QStashReceiveOutcome {

    /** The method returned normally: answered 2xx, QStash marks the message delivered. */
    SUCCESS,

    /** The message id was already processed: answered 200 without running the method. */
    DUPLICATE,

    /** The method failed: answered with a status QStash retries (by default 500). */
    RETRY,

    /**
     * The method or payload conversion failed for good: answered 489, QStash does not
     * retry.
     */
    NON_RETRYABLE,

    /** The signature was missing or invalid: answered 401, the method did not run. */
    REJECTED;

    /**
     * The tag value, for example {@code non_retryable}.
     * @return the lower-case name
     */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

}
