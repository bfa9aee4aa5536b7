package io.github.qstashspring.workflow;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.qstashspring.client.FlowControl;
import io.github.qstashspring.client.WorkflowTrigger;

/**
 * The run configuration a workflow declares, applied to the runs its endpoint starts
 * itself (a direct or scheduled {@code POST} without workflow headers).
 *
 * @param retries retries of each step, {@code null} for QStash's default
 * @param retryDelay the retry delay expression
 * @param flowControl the flow control of every step
 * @param labels labels added to the run's
 * @param failureUrl where the failure callback goes: the workflow URL when the workflow
 * has a failure handler and no URL is set, none otherwise
 */
record WorkflowOptions(@Nullable Integer retries, @Nullable String retryDelay, @Nullable FlowControl flowControl,
        List<String> labels, @Nullable String failureUrl) {

    static final WorkflowOptions NONE = new WorkflowOptions(null, null, null, List.of(), null);

    /**
     * Applies these options to a trigger; {@code hasFailureHandler} picks the failure
     * URL.
     */
    void applyTo(WorkflowTrigger trigger, boolean hasFailureHandler) {
        if (this.retries != null) {
            trigger.retries(this.retries);
        }
        if (this.retryDelay != null) {
            trigger.retryDelay(this.retryDelay);
        }
        if (this.flowControl != null) {
            trigger.flowControl(this.flowControl);
        }
        if (this.failureUrl != null) {
            trigger.failureUrl(this.failureUrl);
        }
        else if (hasFailureHandler) {
            trigger.failureUrl(trigger.getUrl());
        }
        else {
            trigger.withoutFailureCallback();
        }
    }

}
