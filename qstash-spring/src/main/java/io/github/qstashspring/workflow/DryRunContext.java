package io.github.qstashspring.workflow;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The context of the check the official SDK makes before every delivery: the workflow
 * runs until its first step, which throws {@link FirstStepReached} instead of running. A
 * workflow that returns before any step (for example because its own authorization check
 * failed) is answered {@code 400} and nothing is published.
 */
final class DryRunContext<T> extends BaseWorkflowContext<T> {

    DryRunContext(RunData<T> run) {
        super(run);
    }

    @Override
    <R> @Nullable R step(WorkflowStep<R> step) {
        throw new FirstStepReached();
    }

    @Override
    void group(List<? extends WorkflowStep<?>> steps) {
        throw new FirstStepReached();
    }

    @Override
    public void cancel() {
        throw new FirstStepReached();
    }

    /** Ends a dry run at the workflow's first step. */
    static final class FirstStepReached extends Error {

        private static final long serialVersionUID = 1L;

        FirstStepReached() {
            super("The workflow reached its first step during the check before the delivery", null, false, false);
        }

    }

}
