package io.github.qstashspring.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.WorkflowTrigger;

/**
 * The run a delivery belongs to and the way its steps reach QStash: builds the headers
 * every step message carries (the official SDK 1.3.3's, without telemetry) and publishes.
 * Run configuration and user headers are never repeated on steps: the broker keeps them
 * from the trigger ({@code WF_TriggerOnConfig}).
 */
final class RunEnvironment {

    private final String workflowRunId;

    private final String workflowUrl;

    private final int invokeCount;

    private final @Nullable Long createdAt;

    private final WorkflowServices services;

    private final WorkflowUrls urls;

    RunEnvironment(String workflowRunId, String workflowUrl, int invokeCount, @Nullable Long createdAt,
            WorkflowServices services, WorkflowUrls urls) {
        this.workflowRunId = workflowRunId;
        this.workflowUrl = workflowUrl;
        this.invokeCount = invokeCount;
        this.createdAt = createdAt;
        this.services = services;
        this.urls = urls;
    }

    String workflowRunId() {
        return this.workflowRunId;
    }

    String workflowUrl() {
        return this.workflowUrl;
    }

    int invokeCount() {
        return this.invokeCount;
    }

    @Nullable Long createdAt() {
        return this.createdAt;
    }

    WorkflowJson json() {
        return this.services.json();
    }

    QStashOperations qstash() {
        return this.services.qstash();
    }

    WorkflowUrls urls() {
        return this.urls;
    }

    WorkflowServices services() {
        return this.services;
    }

    /**
     * The headers of a step message, in the official SDK's spelling (they are also copied
     * into the wait request's {@code timeoutHeaders}), without {@code content-type}.
     * @param forwardVersion whether the delivery of the message goes to the workflow (so
     * it must carry the protocol version); not for {@code context.call} requests
     */
    Map<String, String> stepHeaders(boolean forwardVersion) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upstash-Workflow-Init", "false");
        headers.put("Upstash-Workflow-RunId", this.workflowRunId);
        headers.put("Upstash-Workflow-Url", this.workflowUrl);
        headers.put("Upstash-Feature-Set", WorkflowTrigger.FEATURE_SET);
        headers.put("Upstash-Workflow-Sdk-Version", "1");
        if (forwardVersion) {
            headers.put("Upstash-Forward-Upstash-Workflow-Sdk-Version", "1");
        }
        return headers;
    }

    /** The invoke depth to forward, or {@code null} when this run was not invoked. */
    @Nullable String forwardedInvokeCount() {
        return (this.invokeCount > 0) ? Integer.toString(this.invokeCount) : null;
    }

    /**
     * A message to the workflow URL carrying a step (or a plan) as JSON, with the step
     * headers.
     */
    PublishRequest stepMessage(String body) {
        PublishRequest message = PublishRequest.to(this.workflowUrl)
            .body(body)
            .contentType("application/json")
            .headers(stepHeaders(true));
        String invokeCount = forwardedInvokeCount();
        if (invokeCount != null) {
            message.header("Upstash-Forward-Upstash-Workflow-Invoke-Count", invokeCount);
        }
        return message;
    }

    /** Publishes messages in one {@code POST /v2/batch}. */
    void batch(List<PublishRequest> messages) {
        this.services.qstash().batch(messages);
    }

}
