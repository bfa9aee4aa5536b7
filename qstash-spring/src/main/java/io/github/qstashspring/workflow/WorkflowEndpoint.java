package io.github.qstashspring.workflow;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ReflectionUtils;

import io.github.qstashspring.client.QStashApiException;
import io.github.qstashspring.listener.QStashNonRetryableException;
import io.github.qstashspring.listener.QStashRequestVerifier;
import io.github.qstashspring.listener.RawBody;
import io.github.qstashspring.listener.RejectionLog;
import io.github.qstashspring.signature.QStashSignatureException;

/**
 * The Spring MVC handler of one {@link QStashWorkflow}: reads the raw body, verifies its
 * signature, and handles the delivery in the order of the official SDK 1.3.3's
 * {@code serve}: failure callback, history (fetched when the body is empty), duplicate
 * check, the check that the workflow reaches a step, call result, first invocation,
 * replay. Every outcome is answered as that SDK answers it ({@link WorkflowResponses}).
 */
final class WorkflowEndpoint {

    /** The handler method registered on Spring MVC. */
    static final Method HANDLE = ReflectionUtils.findMethod(WorkflowEndpoint.class, "handle", HttpServletRequest.class);

    private static final Log logger = LogFactory.getLog(WorkflowEndpoint.class);

    /** Requests that are no valid delivery: at most one WARN line per 20 s. */
    private static final RejectionLog REJECTIONS = new RejectionLog(logger, Duration.ofSeconds(20));

    private final WorkflowDefinition definition;

    private final QStashRequestVerifier verifier;

    private final WorkflowServices services;

    private final long maxBodySize;

    WorkflowEndpoint(WorkflowDefinition definition, QStashRequestVerifier verifier, WorkflowServices services,
            long maxBodySize) {
        this.definition = definition;
        this.verifier = verifier;
        this.services = services;
        this.maxBodySize = maxBodySize;
    }

    WorkflowDefinition definition() {
        return this.definition;
    }

    /**
     * Handles one request. Declared to return {@code ResponseEntity<Object>} (not a
     * wildcard) so Spring MVC resolves its type once.
     * @param request the request
     * @return the answer QStash acts on
     */
    ResponseEntity<Object> handle(HttpServletRequest request) {
        try {
            byte[] body = RawBody.of(request, this.maxBodySize);
            WorkflowRequest workflowRequest = WorkflowRequest.of(request, body, this.verifier.publicUrl(request));
            verify(request, body);
            if (workflowRequest.isFailureCallback()) {
                return FailureCallbacks.handle(workflowRequest, this.definition, this.services);
            }
            return deliver(workflowRequest);
        }
        catch (Exception ex) {
            return failure(ex, null);
        }
    }

    /** The answer to an exception: 489, 429 or 500 naming the step whose code failed. */
    private ResponseEntity<Object> failure(Exception ex, @Nullable String stepName) {
        if (ex instanceof WorkflowRetryAfterException retryAfter) {
            return WorkflowResponses.retryAfter(retryAfter);
        }
        log(ex);
        if (ex instanceof QStashNonRetryableException nonRetryable) {
            return WorkflowResponses.nonRetryable(nonRetryable);
        }
        return WorkflowResponses.failed(ex, stepName);
    }

    private void verify(HttpServletRequest request, byte[] body) {
        try {
            this.verifier.verify(request, body);
        }
        catch (QStashSignatureException ex) {
            throw new WorkflowProtocolException("Failed to verify that the Workflow request comes from QStash: "
                    + ex.reason() + ". If signature is missing, trigger the workflow endpoint by publishing your "
                    + "request to QStash instead of calling it directly.", ex);
        }
    }

    private ResponseEntity<Object> deliver(WorkflowRequest request) throws Exception {
        String runId = request.workflowRunId();
        StepHistory history;
        if (request.firstInvocation() && !request.unknownSdk()) {
            history = new StepHistory(request.body(), List.of(), false);
        }
        else {
            String entries = request.body();
            boolean fetched = entries.isEmpty();
            if (fetched) {
                entries = this.services.qstash().workflows().history(runId);
                if (entries == null) {
                    return WorkflowResponses.finished(runId, "workflow-already-ended");
                }
            }
            history = StepHistory.of(WorkflowJson.readProtocol(entries), request.header("Upstash-Message-Id"), fetched);
            if (history.lastIsDuplicate()) {
                return WorkflowResponses.finished(runId, "duplicate-step");
            }
        }
        boolean callResult = request.isCallResult();
        RunData<Object> run = new RunData<>(runId, request.workflowUrl(),
                new Payload<>(callResult ? request.body() : history.initialPayload(),
                        this.services.json().type(this.definition.payloadType()), this.services.json(), callResult),
                request.userHeaders(), request.labels(), request.retried(),
                WorkflowRequest.instant(request.createdAt()));
        if (!DryRun.reachesFirstStep(this.definition, run)) {
            return WorkflowResponses.authorizationFailed(request.firstInvocation() ? "no-workflow-id" : runId);
        }
        if (callResult) {
            return CallResults.handle(request, this.services);
        }
        if (request.firstInvocation()) {
            return FirstInvocations.trigger(request, history.initialPayload(), this.definition, this.services);
        }
        return replay(request, history, run);
    }

    private ResponseEntity<Object> replay(WorkflowRequest request, StepHistory history, RunData<Object> run) {
        String runId = request.workflowRunId();
        RunEnvironment env = new RunEnvironment(runId, request.workflowUrl(), request.invokeCount(),
                request.createdAt(), this.services, new WorkflowUrls(request.workflowUrl(), this.definition.path()));
        ReplayExecutor executor = new ReplayExecutor(history.steps(), env);
        ReplayContext<Object> context = new ReplayContext<>(run, executor);
        try {
            Object result;
            try {
                result = this.definition.run(context);
            }
            catch (WorkflowAbort ex) {
                return ended(runId, context);
            }
            if (executor.ended()) {
                logger.warn("Workflow " + this.definition.id() + " caught the WorkflowAbort of its step in run " + runId
                        + "; the step was published, the run goes on");
                return ended(runId, context);
            }
            String body = (this.definition.hasResult() && result != null) ? this.services.json().writeValue(result)
                    : null;
            this.services.qstash().workflows().complete(runId, body);
            return WorkflowResponses.finished(runId, "success");
        }
        catch (QStashApiException ex) {
            if (ex.getStatus() == 400) {
                return WorkflowResponses.finished(runId, "success");
            }
            return failure((ex.getStatus() == 412) ? new QStashNonRetryableException(ex.getMessage(), ex) : ex,
                    executor.failedStep());
        }
        catch (Exception ex) {
            return failure(ex, executor.failedStep());
        }
    }

    /**
     * The delivery ended after a step was published, or the workflow cancelled the run.
     */
    private ResponseEntity<Object> ended(String runId, ReplayContext<Object> context) {
        if (context.cancelled()) {
            this.services.qstash().workflows().cancelRun(runId);
        }
        return WorkflowResponses.finished(runId, "success");
    }

    private void log(Exception ex) {
        if (ex instanceof WorkflowProtocolException) {
            // A request that is not a valid delivery (bad signature, missing or malformed
            // workflow headers): what it carries is the sender's, so sanitised and
            // rate-limited like a listener's rejections.
            REJECTIONS.reject("workflow " + this.definition.id(), String.valueOf(ex.getMessage()));
            return;
        }
        if (!logger.isWarnEnabled()) {
            return;
        }
        String message = "QStash workflow " + this.definition.id() + " failed a delivery";
        if (ex instanceof QStashNonRetryableException || ex instanceof IOException) {
            logger.warn(message + ": " + ex.getMessage());
        }
        else {
            logger.warn(message, ex);
        }
    }

}
