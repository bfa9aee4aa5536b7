package io.github.qstashspring.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;

/**
 * The run data and the step methods of every {@link WorkflowContext}: each step method
 * creates its {@link WorkflowStep} and hands it to {@link #step}; what happens then is
 * the subclass's (replay, dry run, failure handler).
 */
abstract class BaseWorkflowContext<T> implements WorkflowContext<T> {

    private static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofDays(7);

    private final RunData<T> run;

    BaseWorkflowContext(RunData<T> run) {
        this.run = run;
    }

    RunData<T> run() {
        return this.run;
    }

    /** Executes (or replays) one step and returns its result. */
    abstract <R> @Nullable R step(WorkflowStep<R> step);

    /** Executes (or replays) a parallel group, completing each step. */
    abstract void group(List<? extends WorkflowStep<?>> steps);

    @Override
    public String workflowRunId() {
        return this.run.workflowRunId();
    }

    @Override
    public String workflowUrl() {
        return this.run.workflowUrl();
    }

    @Override
    public @Nullable T requestPayload() {
        return this.run.payload().value();
    }

    @Override
    public String rawRequestPayload() {
        return this.run.payload().text();
    }

    @Override
    public HttpHeaders headers() {
        return this.run.headers();
    }

    @Override
    public List<String> labels() {
        return this.run.labels();
    }

    @Override
    public int retried() {
        return this.run.retried();
    }

    @Override
    public @Nullable Instant workflowRunCreatedAt() {
        return this.run.createdAt();
    }

    @Override
    public <R> @Nullable R run(String stepName, Class<R> resultType, StepFunction<R> step) {
        return step(WorkflowStep.run(stepName, resultType, step));
    }

    @Override
    public <R> @Nullable R run(String stepName, ParameterizedTypeReference<R> resultType, StepFunction<R> step) {
        return step(WorkflowStep.run(stepName, resultType, step));
    }

    @Override
    public void run(String stepName, StepAction step) {
        step(WorkflowStep.run(stepName, step));
    }

    @Override
    public void sleep(String stepName, Duration duration) {
        step(WorkflowStep.sleep(stepName, duration));
    }

    @Override
    public void sleepUntil(String stepName, Instant time) {
        step(WorkflowStep.sleepUntil(stepName, time));
    }

    @Override
    public CallResponse<String> call(String stepName, CallRequest request) {
        return call(stepName, request, String.class);
    }

    @Override
    public <B> CallResponse<B> call(String stepName, CallRequest request, Class<B> bodyType) {
        return required(step(WorkflowStep.call(stepName, request, bodyType)));
    }

    @Override
    public <E> WaitResult<E> waitForEvent(String stepName, String eventId, Class<E> eventType) {
        return waitForEvent(stepName, eventId, DEFAULT_WAIT_TIMEOUT, eventType);
    }

    @Override
    public <E> WaitResult<E> waitForEvent(String stepName, String eventId, Duration timeout, Class<E> eventType) {
        return required(step(WorkflowStep.waitForEvent(stepName, eventId, timeout, eventType)));
    }

    @Override
    public NotifyResult notify(String stepName, String eventId, @Nullable Object eventData) {
        return required(step(WorkflowStep.notify(stepName, eventId, eventData)));
    }

    @Override
    public NotifyResult notify(String stepName, String eventId, @Nullable Object eventData, String workflowRunId) {
        return required(step(WorkflowStep.notify(stepName, eventId, eventData, workflowRunId)));
    }

    @Override
    public <R> InvokeResult<R> invoke(String stepName, InvokeRequest request, Class<R> resultType) {
        return required(step(WorkflowStep.invoke(stepName, request, resultType)));
    }

    @Override
    public Webhook createWebhook(String stepName) {
        return required(step(WorkflowStep.createWebhook(stepName)));
    }

    @Override
    public WebhookResult waitForWebhook(String stepName, Webhook webhook, Duration timeout) {
        return required(step(WorkflowStep.waitForWebhook(stepName, webhook, timeout)));
    }

    @Override
    public void parallel(WorkflowStep<?>... steps) {
        parallel(List.of(steps));
    }

    @Override
    public void parallel(List<? extends WorkflowStep<?>> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("A parallel group needs at least one step");
        }
        group(steps);
    }

    private static <V> V required(@Nullable V value) {
        if (value == null) {
            throw new WorkflowProtocolException("A recorded step has no result");
        }
        return value;
    }

}
