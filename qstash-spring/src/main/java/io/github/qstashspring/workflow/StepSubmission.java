package io.github.qstashspring.workflow;

import tools.jackson.databind.node.ObjectNode;

/**
 * A step about to run and be published: its id, the width of its parallel group and the
 * delivery it runs in.
 *
 * @param stepId the step id the result is published under
 * @param concurrent 1 for a sequential step, the group's width for a parallel one
 * @param env the run and the way to QStash
 * @param executor runs the step's own code (to detect nested steps and name the failing
 * step)
 */
record StepSubmission(int stepId, int concurrent, RunEnvironment env, ReplayExecutor executor) {

    boolean parallel() {
        return this.concurrent != 1;
    }

    /**
     * The result step JSON: id, name and type; the caller adds its fields, then
     * {@link #finish}.
     */
    ObjectNode resultStep(WorkflowStep<?> step) {
        ObjectNode node = WorkflowJson.object();
        node.put("stepId", this.stepId);
        node.put("stepName", step.name());
        node.put("stepType", step.type());
        return node;
    }

    /** Adds the closing {@code concurrent} field and serialises the step. */
    String finish(ObjectNode resultStep) {
        resultStep.put("concurrent", this.concurrent);
        return WorkflowJson.write(resultStep);
    }

    <V> V execute(WorkflowStep<?> step, StepFunction<V> function) {
        return this.executor.execute(step.name(), function);
    }

}
