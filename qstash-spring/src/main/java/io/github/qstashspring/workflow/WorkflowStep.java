package io.github.qstashspring.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.node.ObjectNode;

import io.github.qstashspring.client.PublishRequest;

/**
 * A step that has not run yet, for {@link WorkflowContext#parallel parallel} groups:
 * create the steps with the factories of this class, hand them to {@code parallel}, then
 * read each one's {@link #result()}. Each step of the group runs in its own delivery, at
 * the same time as the others; the workflow continues once all have finished.
 *
 * <pre>{@code
 * WorkflowStep<Stock> stock = WorkflowStep.run("check-stock", Stock.class, () -> inventory.check(order));
 * WorkflowStep<Score> score = WorkflowStep.run("score", Score.class, () -> fraud.score(order));
 * context.parallel(stock, score);
 * if (stock.result().available() && score.result().low()) { ... }
 * }</pre>
 *
 * Every kind of step {@link WorkflowContext} offers can run in a group. A step object
 * runs in one group only.
 *
 * @param <R> the result type
 */
public abstract class WorkflowStep<R> {

    private final String name;

    private @Nullable R result;

    private boolean completed;

    WorkflowStep(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A workflow step name cannot be null or empty");
        }
        this.name = name;
    }

    /**
     * A step that runs code and records its result as JSON
     * ({@link WorkflowContext#run(String, Class, StepFunction)}).
     * @param name the step name, unique in the workflow
     * @param resultType the type the recorded result is read back as
     * @param function the code
     * @param <R> the result type
     * @return the step
     */
    public static <R> WorkflowStep<R> run(String name, Class<R> resultType, StepFunction<R> function) {
        return new RunStep<>(name, resultType, function);
    }

    /**
     * A step that runs code and records its generic result as JSON.
     * @param name the step name, unique in the workflow
     * @param resultType the type the recorded result is read back as, e.g. {@code new
     * ParameterizedTypeReference<List<Item>>() {}}
     * @param function the code
     * @param <R> the result type
     * @return the step
     */
    public static <R> WorkflowStep<R> run(String name, ParameterizedTypeReference<R> resultType,
            StepFunction<R> function) {
        return new RunStep<>(name, resultType.getType(), function);
    }

    /**
     * A step that runs code without a result.
     * @param name the step name, unique in the workflow
     * @param action the code
     * @return the step
     */
    public static WorkflowStep<Void> run(String name, StepAction action) {
        return new RunStep<>(name, Void.class, () -> {
            action.run();
            return null;
        });
    }

    /**
     * A step that waits ({@link WorkflowContext#sleep}).
     * @param name the step name
     * @param duration how long
     * @return the step
     */
    public static WorkflowStep<Void> sleep(String name, Duration duration) {
        return new SleepStep(name, duration);
    }

    /**
     * A step that waits until an instant ({@link WorkflowContext#sleepUntil}).
     * @param name the step name
     * @param time until when (whole seconds)
     * @return the step
     */
    public static WorkflowStep<Void> sleepUntil(String name, Instant time) {
        return new SleepUntilStep(name, time);
    }

    /**
     * A step that has QStash make an HTTP request ({@link WorkflowContext#call}).
     * @param name the step name
     * @param request the request
     * @param bodyType the type the response body is read as
     * @param <B> the body type
     * @return the step
     */
    public static <B> WorkflowStep<CallResponse<B>> call(String name, CallRequest request, Class<B> bodyType) {
        return new CallStep<>(name, request, bodyType);
    }

    /**
     * A step that waits for an event ({@link WorkflowContext#waitForEvent}).
     * @param name the step name
     * @param eventId the event id
     * @param timeout how long to wait at most
     * @param eventType the type the event data is read as
     * @param <E> the event data type
     * @return the step
     */
    public static <E> WorkflowStep<WaitResult<E>> waitForEvent(String name, String eventId, Duration timeout,
            Class<E> eventType) {
        return new WaitStep<>(name, eventId, timeout, eventType);
    }

    /**
     * A step that notifies the runs waiting for an event
     * ({@link WorkflowContext#notify}).
     * @param name the step name
     * @param eventId the event id
     * @param eventData the event data: a {@code String} as is, anything else as JSON
     * @return the step
     */
    public static WorkflowStep<NotifyResult> notify(String name, String eventId, @Nullable Object eventData) {
        return new NotifyStep(name, eventId, eventData, null);
    }

    /**
     * A step that notifies one run of an event, kept until it waits for it.
     * @param name the step name
     * @param eventId the event id
     * @param eventData the event data: a {@code String} as is, anything else as JSON
     * @param workflowRunId the run to notify
     * @return the step
     */
    public static WorkflowStep<NotifyResult> notify(String name, String eventId, @Nullable Object eventData,
            String workflowRunId) {
        return new NotifyStep(name, eventId, eventData, workflowRunId);
    }

    /**
     * A step that runs another workflow and waits for its result
     * ({@link WorkflowContext#invoke}).
     * @param name the step name
     * @param request the workflow and its payload
     * @param resultType the type its result is read as
     * @param <R> the result type
     * @return the step
     */
    public static <R> WorkflowStep<InvokeResult<R>> invoke(String name, InvokeRequest request, Class<R> resultType) {
        return new InvokeStep<>(name, request, resultType);
    }

    /**
     * A step that creates a webhook URL ({@link WorkflowContext#createWebhook}).
     * @param name the step name
     * @return the step
     */
    public static WorkflowStep<Webhook> createWebhook(String name) {
        return new CreateWebhookStep(name);
    }

    /**
     * A step that waits for a call to a webhook ({@link WorkflowContext#waitForWebhook}).
     * @param name the step name
     * @param webhook the webhook
     * @param timeout how long to wait at most
     * @return the step
     */
    public static WorkflowStep<WebhookResult> waitForWebhook(String name, Webhook webhook, Duration timeout) {
        return new WaitForWebhookStep(name, webhook, timeout);
    }

    /**
     * The step name.
     * @return the name
     */
    public final String name() {
        return this.name;
    }

    /**
     * The step's result, once its group has run.
     * @return the result ({@code null} for steps without one)
     * @throws IllegalStateException when the step has not run
     */
    public final @Nullable R result() {
        if (!this.completed) {
            throw new IllegalStateException("Step '" + this.name + "' has not run: pass it to context.parallel(...)");
        }
        return this.result;
    }

    final void complete(@Nullable R result) {
        this.result = result;
        this.completed = true;
    }

    /** The step type of the protocol: {@code Run}, {@code SleepFor}, ... */
    abstract String type();

    /** Runs the step (if it runs code) and publishes it to QStash. */
    abstract void submit(StepSubmission submission);

    /** Reads the step's result from its history entry. */
    abstract @Nullable R parse(Step step, RunEnvironment env);

    /**
     * The plan of this step in a parallel group (published before any step of it runs).
     */
    final ObjectNode plan(int concurrent, int targetStep) {
        ObjectNode plan = WorkflowJson.object();
        plan.put("stepId", 0);
        plan.put("stepName", this.name);
        plan.put("stepType", type());
        addPlanFields(plan);
        plan.put("concurrent", concurrent);
        plan.put("targetStep", targetStep);
        return plan;
    }

    /** Adds the fields a plan of this type carries ({@code sleepFor}, ...). */
    void addPlanFields(ObjectNode plan) {
    }

    /** Adds what a plan message of this type needs ({@code Upstash-Delay}, ...). */
    void addPlanHeaders(PublishRequest message) {
    }

    /**
     * Publishes a result step to the workflow ({@code POST /v2/batch}), with the delay of
     * this type when the step is not part of a parallel group (a group's plan carries
     * it).
     */
    final void publishResult(StepSubmission submission, ObjectNode resultStep) {
        PublishRequest message = submission.env().stepMessage(submission.finish(resultStep));
        if (!submission.parallel()) {
            addPlanHeaders(message);
        }
        submission.env().batch(List.of(message));
    }

    /** The out of a step that must have one, or the official SDK's error. */
    final String requireOut(Step step) {
        String out = step.out();
        if (out == null) {
            throw new WorkflowProtocolException(
                    "Error while parsing output of " + type() + " step. Expected a string, but got: undefined");
        }
        return out;
    }

}
