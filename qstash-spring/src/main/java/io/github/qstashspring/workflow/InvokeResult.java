package io.github.qstashspring.workflow;

import org.jspecify.annotations.Nullable;

/**
 * How a workflow run started by {@link WorkflowContext#invoke invoke} ended.
 *
 * @param body what the invoked workflow returned, {@code null} when it failed or was
 * cancelled
 * @param failed whether the invoked run failed
 * @param canceled whether the invoked run was cancelled
 * @param <R> the result type
 */
public record InvokeResult<R>(@Nullable R body, boolean failed, boolean canceled) {
}
