package io.github.qstashspring.workflow;

import java.math.BigDecimal;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import io.github.qstashspring.client.PublishRequest;

/**
 * {@code context.sleep}: a step message delayed by the duration ({@code Upstash-Delay});
 * in a parallel group the plan carries the delay instead.
 */
final class SleepStep extends WorkflowStep<Void> {

    private final Duration duration;

    SleepStep(String name, Duration duration) {
        super(name);
        this.duration = Durations.requireNotNegative(duration, "Sleep duration");
    }

    @Override
    String type() {
        return "SleepFor";
    }

    @Override
    void addPlanFields(ObjectNode plan) {
        putSeconds(plan);
    }

    @Override
    void addPlanHeaders(PublishRequest message) {
        message.header("Upstash-Delay", Durations.delayHeader(this.duration));
    }

    @Override
    void submit(StepSubmission submission) {
        ObjectNode step = submission.resultStep(this);
        putSeconds(step);
        publishResult(submission, step);
    }

    private void putSeconds(ObjectNode node) {
        Number seconds = Durations.seconds(this.duration);
        if (seconds instanceof BigDecimal decimal) {
            node.put("sleepFor", decimal);
        }
        else {
            node.put("sleepFor", seconds.longValue());
        }
    }

    @Override
    @Nullable Void parse(Step step, RunEnvironment env) {
        return null;
    }

}
