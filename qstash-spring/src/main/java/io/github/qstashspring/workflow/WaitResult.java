package io.github.qstashspring.workflow;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link WorkflowContext#waitForEvent wait} ended.
 *
 * @param eventData the data the event was notified with, {@code null} when the wait timed
 * out
 * @param timedOut whether the wait ended because its timeout passed
 * @param <E> the event data type
 */
public record WaitResult<E>(@Nullable E eventData, boolean timedOut) {
}
