package io.github.qstashspring.workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashApiException;
import io.github.qstashspring.listener.QStashNonRetryableException;

/**
 * Replays a workflow against its history, as the official SDK's {@code AutoExecutor}
 * does: the n-th step of the code is matched with the n-th recorded step (plans of
 * parallel groups skipped); the first step without a record runs and is published, and
 * the delivery ends with {@link WorkflowAbort}. A parallel group publishes its plans
 * first; each plan's delivery then runs its one step; the delivery that brings the
 * group's last result continues past the group.
 */
final class ReplayExecutor {

    private enum GroupState {

        FIRST, PARTIAL, DISCARD, LAST;

        String protocolName() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

    private final List<Step> steps;

    private final RunEnvironment env;

    private final int nonPlanStepCount;

    private int stepCount;

    private int planStepCount;

    private @Nullable String executingStep;

    private @Nullable String endedAfter;

    private @Nullable String failedStep;

    ReplayExecutor(List<Step> steps, RunEnvironment env) {
        this.steps = steps;
        this.env = env;
        this.nonPlanStepCount = (int) steps.stream().filter((step) -> !step.isPlan()).count();
    }

    /** Whether a step ended this delivery (even if the workflow swallowed the abort). */
    boolean ended() {
        return this.endedAfter != null;
    }

    /** The step whose code failed, for {@code Upstash-Error-Step-Name}. */
    @Nullable String failedStep() {
        return this.failedStep;
    }

    <R> @Nullable R single(WorkflowStep<R> step) {
        checkCanAdd(step.name());
        this.stepCount++;
        if (this.stepCount < this.nonPlanStepCount) {
            Step recorded = this.steps.get(this.stepCount + this.planStepCount);
            validate(step, recorded);
            R result = step.parse(recorded, this.env);
            step.complete(result);
            return result;
        }
        submit(step, this.stepCount, 1);
        throw end(step.name());
    }

    void group(List<? extends WorkflowStep<?>> group) {
        if (group.size() == 1) {
            single(group.get(0));
            return;
        }
        group.forEach((step) -> checkCanAdd(step.name()));
        int size = group.size();
        this.stepCount += size;
        int initial = this.stepCount - (size - 1);
        GroupState state = state(size, initial);
        List<Step> sorted = new ArrayList<>(this.steps);
        sorted.sort(Comparator.comparingInt(Step::targetOrId));
        int plannedIndex = initial + this.planStepCount;
        Integer planned = (plannedIndex < sorted.size()) ? sorted.get(plannedIndex).concurrent() : null;
        if (state != GroupState.FIRST && (planned == null || planned != size)) {
            throw new WorkflowProtocolException("Incompatible number of parallel steps when call state was '"
                    + state.protocolName() + "'. Expected " + size + ", got " + planned + " from the request.");
        }
        this.planStepCount += size;
        switch (state) {
            case FIRST -> submitPlans(group, initial);
            case PARTIAL -> submitPlanned(group, initial);
            case DISCARD -> throw end("discarded parallel");
            case LAST -> completeGroup(group, sorted, initial);
        }
    }

    private void submitPlans(List<? extends WorkflowStep<?>> group, int initial) {
        List<PublishRequest> plans = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            ObjectNode plan = group.get(i).plan(group.size(), initial + i);
            PublishRequest message = this.env.stepMessage(WorkflowJson.write(plan));
            group.get(i).addPlanHeaders(message);
            plans.add(message);
        }
        this.env.batch(plans);
        throw end(group.get(0).name());
    }

    private void submitPlanned(List<? extends WorkflowStep<?>> group, int initial) {
        Step plan = this.steps.get(this.steps.size() - 1);
        int index = plan.targetStep() - initial;
        if (index < 0 || index >= group.size()) {
            throw new WorkflowProtocolException("The plan for step " + plan.targetStep()
                    + " does not belong to the parallel group starting at step " + initial);
        }
        WorkflowStep<?> step = group.get(index);
        validate(step, plan);
        try {
            submit(step, plan.targetStep(), group.size());
        }
        catch (WorkflowAbort | QStashNonRetryableException | WorkflowRetryAfterException ex) {
            throw ex;
        }
        catch (QStashApiException ex) {
            if (ex.getStatus() == 400 || ex.getStatus() == 412) {
                throw ex;
            }
            throw partialFailure(step, ex);
        }
        catch (RuntimeException ex) {
            throw partialFailure(step, ex);
        }
        throw end(step.name());
    }

    private WorkflowProtocolException partialFailure(WorkflowStep<?> step, RuntimeException ex) {
        this.failedStep = step.name();
        Throwable cause = (ex instanceof WorkflowStepException) ? ex.getCause() : ex;
        return new WorkflowProtocolException(
                "Error submitting steps to QStash in partial parallel step execution: " + cause, ex);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private void completeGroup(List<? extends WorkflowStep<?>> group, List<Step> sorted, int initial) {
        List<Step> results = sorted.stream().filter((step) -> step.stepId() >= initial).limit(group.size()).toList();
        if (results.size() != group.size()) {
            throw new WorkflowProtocolException("Expected " + group.size() + " results of the parallel group, got "
                    + results.size() + " from the request.");
        }
        for (int i = 0; i < group.size(); i++) {
            validate(group.get(i), results.get(i));
        }
        for (int i = 0; i < group.size(); i++) {
            WorkflowStep step = group.get(i);
            step.complete(step.parse(results.get(i), this.env));
        }
    }

    private GroupState state(int size, int initial) {
        List<Step> remaining = this.steps.stream().filter((step) -> step.targetOrId() >= initial).toList();
        if (remaining.isEmpty()) {
            return GroupState.FIRST;
        }
        if (remaining.size() >= 2 * size) {
            return GroupState.LAST;
        }
        return remaining.get(remaining.size() - 1).isPlan() ? GroupState.PARTIAL : GroupState.DISCARD;
    }

    private void submit(WorkflowStep<?> step, int stepId, int concurrent) {
        step.submit(new StepSubmission(stepId, concurrent, this.env, this));
    }

    /** Runs a step's own code: no step may run inside it, and its failure names it. */
    <V> @Nullable V execute(String stepName, StepFunction<V> function) {
        this.executingStep = stepName;
        try {
            return function.apply();
        }
        catch (RuntimeException | Error ex) {
            this.failedStep = stepName;
            throw ex;
        }
        catch (Exception ex) {
            this.failedStep = stepName;
            throw new WorkflowStepException(stepName, ex);
        }
        finally {
            this.executingStep = null;
        }
    }

    /**
     * Ends the delivery after a step; any step the workflow tries afterwards ends it too.
     */
    WorkflowAbort end(String stepName) {
        this.endedAfter = stepName;
        return new WorkflowAbort(stepName);
    }

    private void checkCanAdd(String stepName) {
        if (this.executingStep != null) {
            throw new WorkflowProtocolException("A step can not be run inside another step. Tried to run '" + stepName
                    + "' inside '" + this.executingStep + "'");
        }
        if (this.endedAfter != null) {
            throw new WorkflowAbort(this.endedAfter);
        }
    }

    private static void validate(WorkflowStep<?> step, Step recorded) {
        if (!step.name().equals(recorded.stepName())) {
            throw new WorkflowProtocolException("Incompatible step name. Expected '" + step.name() + "', got '"
                    + recorded.stepName() + "' from the request");
        }
        if (!step.type().equals(recorded.stepType())) {
            throw new WorkflowProtocolException("Incompatible step type. Expected '" + step.type() + "', got '"
                    + recorded.stepType() + "' from the request");
        }
    }

}
