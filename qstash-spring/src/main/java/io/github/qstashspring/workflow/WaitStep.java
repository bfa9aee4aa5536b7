package io.github.qstashspring.workflow;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * {@code context.waitForEvent}: the result's {@code out} is the notified data in base64
 * ({@code waitTimeout: true} and no {@code out} when the wait timed out).
 */
final class WaitStep<E> extends WaitingStep<WaitResult<E>> {

    private final Class<E> eventType;

    WaitStep(String name, String eventId, Duration timeout, Class<E> eventType) {
        super(name, eventId, timeout);
        this.eventType = eventType;
    }

    @Override
    String type() {
        return "Wait";
    }

    @Override
    WaitResult<E> parse(Step step, RunEnvironment env) {
        String out = step.out();
        @Nullable E data = (out != null) ? env.json().read(WorkflowJson.decodeBase64(out), env.json().type(this.eventType))
                : null;
        return new WaitResult<>(data, step.waitTimeout());
    }

}
