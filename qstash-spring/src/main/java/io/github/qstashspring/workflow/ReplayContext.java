package io.github.qstashspring.workflow;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The context of a real delivery: steps are replayed, run and published by the executor.
 */
final class ReplayContext<T> extends BaseWorkflowContext<T> {

    private final ReplayExecutor executor;

    private boolean cancelled;

    ReplayContext(RunData<T> run, ReplayExecutor executor) {
        super(run);
        this.executor = executor;
    }

    @Override
    <R> @Nullable R step(WorkflowStep<R> step) {
        return this.executor.single(step);
    }

    @Override
    void group(List<? extends WorkflowStep<?>> steps) {
        this.executor.group(steps);
    }

    @Override
    public void cancel() {
        this.cancelled = true;
        throw this.executor.end("cancel");
    }

    /** Whether the workflow called {@link #cancel()}. */
    boolean cancelled() {
        return this.cancelled;
    }

}
