package io.github.qstashspring.workflow;

/**
 * Ends the current delivery of a workflow once its new step is published (or the run is
 * cancelled): every {@link WorkflowContext} step method throws it when it does not return
 * a recorded result. The endpoint catches it; QStash calls the workflow again when the
 * step is done.
 * <p>
 * It is an {@link Error} so that {@code catch (Exception ex)} around a step does not
 * swallow it. Never catch it, or rethrow it at once: code after a step that did not
 * return must not run in this delivery. (If it is swallowed anyway, the endpoint still
 * knows the step was published and does not end the run.)
 */
public final class WorkflowAbort extends Error {

    private static final long serialVersionUID = 1L;

    private final String stepName;

    WorkflowAbort(String stepName) {
        super("This delivery ended after step '" + stepName + "'; QStash calls the workflow again to continue. "
                + "Do not catch WorkflowAbort (or Throwable) around workflow steps.", null, false, false);
        this.stepName = stepName;
    }

    /**
     * The step that ended the delivery.
     * @return the step name
     */
    public String getStepName() {
        return this.stepName;
    }

}
