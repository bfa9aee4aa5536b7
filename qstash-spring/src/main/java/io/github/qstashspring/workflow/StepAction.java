package io.github.qstashspring.workflow;

/**
 * The code of a {@link WorkflowContext#run(String, StepAction) run} step without result.
 */
@FunctionalInterface
public interface StepAction {

    /**
     * Runs the step.
     * @throws Exception when the step fails; the delivery is then retried
     */
    void run() throws Exception;

}
