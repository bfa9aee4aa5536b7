package io.github.qstashspring.workflow;

import java.time.Duration;

/**
 * Thrown by a workflow to have QStash retry the current step after a given time instead
 * of its usual backoff: the endpoint answers {@code 429} with {@code Retry-After} (the
 * official SDK's {@code WorkflowRetryAfterError}).
 */
public class WorkflowRetryAfterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     * @param message why the step is retried later; it is sent to QStash and appears in
     * its logs
     * @param retryAfter when to retry (whole seconds)
     */
    public WorkflowRetryAfterException(String message, Duration retryAfter) {
        super(message);
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /**
     * When QStash retries.
     * @return the delay
     */
    public Duration getRetryAfter() {
        return this.retryAfter;
    }

}
