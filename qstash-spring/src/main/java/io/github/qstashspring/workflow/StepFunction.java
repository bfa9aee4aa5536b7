package io.github.qstashspring.workflow;

import org.jspecify.annotations.Nullable;

/**
 * The code of a {@link WorkflowContext#run(String, Class, StepFunction) run} step: it
 * runs once (at least once: a failed delivery is retried) and its result is recorded.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface StepFunction<R> {

    /**
     * Runs the step.
     * @return the result, recorded as JSON
     * @throws Exception when the step fails; the delivery is then retried
     */
    @Nullable R apply() throws Exception;

}
