package io.github.qstashspring.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;

/**
 * A workflow run as a {@link QStashWorkflow} method sees it: the run's data and its
 * steps.
 * <p>
 * <b>How a run executes.</b> QStash calls the workflow once per step, and every call runs
 * the method again from the top (a replay). A step that already ran returns its recorded
 * result at once; the first step that has not run is executed (or scheduled) and
 * published to QStash, and then the call ends: the step method throws
 * {@link WorkflowAbort}, which the endpoint catches. When the method returns, the run is
 * finished and its return value is the run's result. So:
 * <ul>
 * <li>do work with side effects inside steps ({@code run}, {@code call}, ...), not
 * between them: code outside steps runs on every call;</li>
 * <li>name every step, and keep names and order stable: a replay checks each recorded
 * step against the code and fails the call if they differ (change a running workflow's
 * steps only at the end);</li>
 * <li>never catch {@link WorkflowAbort} (or {@code Throwable}) around steps, and do not
 * run a step inside another step's code.</li>
 * </ul>
 * Results and payloads are JSON, read and written with the application's Jackson
 * {@code JsonMapper}. Step methods throw no checked exceptions: an exception thrown by a
 * step's code fails the call and QStash retries it (a checked one is wrapped in
 * {@link WorkflowStepException}); a
 * {@link io.github.qstashspring.listener.QStashNonRetryableException} fails the run at
 * once and a {@link WorkflowRetryAfterException} retries it later.
 *
 * @param <T> the type of the initial payload
 */
public interface WorkflowContext<T> {

    /**
     * The run id.
     * @return {@code wfr_...}
     */
    String workflowRunId();

    /**
     * The URL QStash calls this workflow on.
     * @return the workflow URL
     */
    String workflowUrl();

    /**
     * The payload the run was started with, read as {@code T}: JSON converted with the
     * application's mapper; for {@code String}, the text (a JSON string is unquoted).
     * @return the payload, {@code null} when the run was started without one
     * @throws io.github.qstashspring.listener.QStashPayloadConversionException when it
     * cannot be read as {@code T} (the run fails without retries)
     */
    @Nullable T requestPayload();

    /**
     * The payload the run was started with, as text.
     * @return the text, empty when there was none
     */
    String rawRequestPayload();

    /**
     * The headers of the request that started the run (QStash forwards them on every
     * call).
     * @return read-only headers
     */
    HttpHeaders headers();

    /**
     * The labels the run was started with.
     * @return the labels, empty when none
     */
    List<String> labels();

    /**
     * How many times QStash has retried the current call ({@code Upstash-Retried}).
     * @return 0 on the first attempt
     */
    int retried();

    /**
     * When the run was created.
     * @return the instant, {@code null} when QStash did not say
     */
    @Nullable Instant workflowRunCreatedAt();

    /**
     * Runs code once and records its result. On replays the recorded result is returned
     * and the code does not run.
     * @param stepName the step name, unique in the workflow
     * @param resultType the type the recorded JSON is read back as
     * @param step the code
     * @param <R> the result type
     * @return the result
     */
    <R> @Nullable R run(String stepName, Class<R> resultType, StepFunction<R> step);

    /**
     * Runs code once and records its generic result.
     * @param stepName the step name, unique in the workflow
     * @param resultType the result type, e.g. {@code new
     * ParameterizedTypeReference<List<Item>>() {}}
     * @param step the code
     * @param <R> the result type
     * @return the result
     */
    <R> @Nullable R run(String stepName, ParameterizedTypeReference<R> resultType, StepFunction<R> step);

    /**
     * Runs code once, without a result.
     * @param stepName the step name, unique in the workflow
     * @param step the code
     */
    void run(String stepName, StepAction step);

    /**
     * Pauses the run (QStash delivers the next call after the duration; nothing waits in
     * the application).
     * @param stepName the step name
     * @param duration how long
     */
    void sleep(String stepName, Duration duration);

    /**
     * Pauses the run until an instant (whole seconds).
     * @param stepName the step name
     * @param time until when
     */
    void sleepUntil(String stepName, Instant time);

    /**
     * Has QStash make an HTTP request and continues with the response, however long the
     * called service takes. Any status is a result.
     * @param stepName the step name
     * @param request the request
     * @return the response, body as text
     */
    CallResponse<String> call(String stepName, CallRequest request);

    /**
     * Has QStash make an HTTP request and continues with the response, its body read as
     * {@code bodyType}.
     * @param stepName the step name
     * @param request the request
     * @param bodyType the body type ({@code byte[]} for the raw bytes)
     * @param <B> the body type
     * @return the response
     */
    <B> CallResponse<B> call(String stepName, CallRequest request, Class<B> bodyType);

    /**
     * Pauses the run until the event is notified, at most 7 days.
     * @param stepName the step name
     * @param eventId the event id, as given to
     * {@link io.github.qstashspring.client.QStashWorkflows#notify notify}
     * @param eventType the type the event data is read as
     * @param <E> the event data type
     * @return the event data, or a timed-out result
     */
    <E> WaitResult<E> waitForEvent(String stepName, String eventId, Class<E> eventType);

    /**
     * Pauses the run until the event is notified or the timeout passes.
     * @param stepName the step name
     * @param eventId the event id
     * @param timeout how long to wait at most (whole seconds)
     * @param eventType the type the event data is read as
     * @param <E> the event data type
     * @return the event data, or a timed-out result
     */
    <E> WaitResult<E> waitForEvent(String stepName, String eventId, Duration timeout, Class<E> eventType);

    /**
     * Notifies the runs waiting for an event (runs that wait later do not get it).
     * @param stepName the step name
     * @param eventId the event id
     * @param eventData the data: a {@code String} as is, anything else as JSON
     * @return what was notified
     */
    NotifyResult notify(String stepName, String eventId, @Nullable Object eventData);

    /**
     * Notifies one run of an event; QStash keeps it until the run waits for it.
     * @param stepName the step name
     * @param eventId the event id
     * @param eventData the data: a {@code String} as is, anything else as JSON
     * @param workflowRunId the run to notify
     * @return what was notified
     */
    NotifyResult notify(String stepName, String eventId, @Nullable Object eventData, String workflowRunId);

    /**
     * Runs another workflow and continues with its result when it ends.
     * @param stepName the step name
     * @param request the workflow and its payload
     * @param resultType the type its result is read as
     * @param <R> the result type
     * @return the result, or that it failed or was cancelled
     */
    <R> InvokeResult<R> invoke(String stepName, InvokeRequest request, Class<R> resultType);

    /**
     * Creates a URL on QStash that resumes this run when called (see
     * {@link #waitForWebhook}).
     * @param stepName the step name
     * @return the webhook
     */
    Webhook createWebhook(String stepName);

    /**
     * Pauses the run until its webhook is called or the timeout passes. A call made
     * before the wait starts is kept and returned at once.
     * @param stepName the step name
     * @param webhook the webhook from {@link #createWebhook}
     * @param timeout how long to wait at most
     * @return the call, or a timed-out result
     */
    WebhookResult waitForWebhook(String stepName, Webhook webhook, Duration timeout);

    /**
     * Runs steps in parallel, each in its own call; returns when all have finished, with
     * each step's {@link WorkflowStep#result() result} set. One step runs as a sequential
     * step. The group must stay the same on every replay.
     * @param steps the steps, created with the factories of {@link WorkflowStep}
     */
    void parallel(WorkflowStep<?>... steps);

    /**
     * Runs steps in parallel, as {@link #parallel(WorkflowStep...)}.
     * @param steps the steps
     */
    void parallel(List<? extends WorkflowStep<?>> steps);

    /**
     * Cancels the run: it ends as cancelled (no failure handler runs). Does not return.
     */
    void cancel();

}
