package io.github.qstashspring.workflow;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code context.run}: runs code once and records its result as JSON text in {@code out}
 * (no {@code out} for a step without result).
 */
final class RunStep<R> extends WorkflowStep<R> {

    private final Type resultType;

    private final StepFunction<R> function;

    RunStep(String name, Type resultType, StepFunction<R> function) {
        super(name);
        this.resultType = resultType;
        this.function = function;
    }

    @Override
    String type() {
        return "Run";
    }

    @Override
    void submit(StepSubmission submission) {
        R value = submission.execute(this, this.function);
        ObjectNode step = submission.resultStep(this);
        if (this.resultType != Void.class) {
            step.put("out", submission.env().json().writeValue(value));
        }
        publishResult(submission, step);
    }

    @Override
    @Nullable R parse(Step step, RunEnvironment env) {
        if (this.resultType == Void.class) {
            return null;
        }
        return env.json().read(step.out(), env.json().type(this.resultType));
    }

}
