package io.github.qstashspring.workflow;

/**
 * A request that does not follow the workflow protocol, or a history that does not match
 * the workflow's code (the official SDK's {@code WorkflowError}). The endpoint answers
 * {@code 500} and QStash retries.
 */
final class WorkflowProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WorkflowProtocolException(String message) {
        super(message);
    }

    WorkflowProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

}
