package io.github.qstashspring.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import io.github.qstashspring.client.PublishRequest;

/**
 * {@code context.sleepUntil}: a step message held until the instant
 * ({@code Upstash-Not-Before}, Unix seconds); in a parallel group the plan carries it.
 */
final class SleepUntilStep extends WorkflowStep<Void> {

    private final long epochSecond;

    SleepUntilStep(String name, Instant time) {
        super(name);
        this.epochSecond = Math.round(time.toEpochMilli() / 1000.0);
    }

    @Override
    String type() {
        return "SleepUntil";
    }

    @Override
    void addPlanFields(ObjectNode plan) {
        plan.put("sleepUntil", this.epochSecond);
    }

    @Override
    void addPlanHeaders(PublishRequest message) {
        message.header("Upstash-Not-Before", Long.toString(this.epochSecond));
    }

    @Override
    void submit(StepSubmission submission) {
        ObjectNode step = submission.resultStep(this);
        step.put("sleepUntil", this.epochSecond);
        publishResult(submission, step);
    }

    @Override
    @Nullable Void parse(Step step, RunEnvironment env) {
        return null;
    }

}
