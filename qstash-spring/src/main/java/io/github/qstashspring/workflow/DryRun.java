package io.github.qstashspring.workflow;

import io.github.qstashspring.listener.QStashNonRetryableException;

/**
 * The check the official SDK makes before it handles a delivery: run the workflow until
 * its first step, which does not run (see {@link DryRunContext}).
 */
final class DryRun {

    private DryRun() {
    }

    /**
     * Whether the workflow reaches a step (or throws one of the exceptions that end a run
     * on purpose) before it returns. With a stand-in payload (the callback of a call
     * step) an exception counts as reaching the step: the official SDK passes the
     * callback there as an object whose missing fields read as {@code undefined}, while
     * Java code gets {@code null} and may well dereference it before its first step. The
     * callback only records the call's result; the delivery that follows checks the
     * workflow again, with its real payload.
     * @throws Exception what the workflow threw before its first step
     */
    static boolean reachesFirstStep(WorkflowDefinition definition, RunData<Object> run) throws Exception {
        try {
            definition.run(new DryRunContext<>(run));
            return false;
        }
        catch (DryRunContext.FirstStepReached | QStashNonRetryableException | WorkflowRetryAfterException ex) {
            return true;
        }
        catch (Exception ex) {
            if (run.payload().isStandIn()) {
                return true;
            }
            throw ex;
        }
    }

}
