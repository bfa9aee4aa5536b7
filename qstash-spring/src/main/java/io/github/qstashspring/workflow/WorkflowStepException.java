package io.github.qstashspring.workflow;

/**
 * A step's code threw a checked exception; it is the cause. The delivery fails and QStash
 * retries it, like for any other exception thrown by a step.
 */
public class WorkflowStepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String stepName;

    WorkflowStepException(String stepName, Exception cause) {
        super("Step '" + stepName + "' failed: " + cause, cause);
        this.stepName = stepName;
    }

    /**
     * The step that failed.
     * @return the step name
     */
    public String getStepName() {
        return this.stepName;
    }

}
