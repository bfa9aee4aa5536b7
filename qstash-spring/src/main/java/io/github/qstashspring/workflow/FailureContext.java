package io.github.qstashspring.workflow;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The context a failure handler gets: the failed run's data; its steps cannot run. */
final class FailureContext<T> extends BaseWorkflowContext<T> {

    FailureContext(RunData<T> run) {
        super(run);
    }

    @Override
    <R> @Nullable R step(WorkflowStep<R> step) {
        throw notAvailable();
    }

    @Override
    void group(List<? extends WorkflowStep<?>> steps) {
        throw notAvailable();
    }

    @Override
    public void cancel() {
        throw notAvailable();
    }

    private static IllegalStateException notAvailable() {
        return new IllegalStateException("The run has failed: its steps cannot run in the failure handler");
    }

}
