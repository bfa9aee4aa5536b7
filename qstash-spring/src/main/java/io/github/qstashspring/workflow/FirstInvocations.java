package io.github.qstashspring.workflow;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;

import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.WorkflowTrigger;

/**
 * Starts a run when the endpoint is called without workflow headers (a direct or a
 * scheduled {@code POST}), or completes the unknown-SDK handshake of a run QStash created
 * with {@code /v2/trigger}: publishes the trigger ({@code POST /v2/batch}) with the
 * request's headers as the run's headers, as the official SDK does, plus the workflow's
 * own options.
 */
final class FirstInvocations {

    private FirstInvocations() {
    }

    static ResponseEntity<Object> trigger(WorkflowRequest request, String payload, WorkflowDefinition definition,
            WorkflowServices services) {
        boolean failureCallback = definition.options().failureUrl() != null || definition.failureHandler() != null;
        WorkflowTrigger trigger = WorkflowTrigger.to(request.workflowUrl()).body(payload);
        request.userHeaders().forEach((name, values) -> {
            if (!name.equals("upstash-label")) {
                trigger.header(name, String.join(", ", values));
            }
        });
        List<String> labels = new ArrayList<>(request.labels());
        labels.addAll(definition.options().labels());
        if (!labels.isEmpty()) {
            trigger.header("upstash-label", String.join(",", labels));
        }
        definition.options().applyTo(trigger, definition.failureHandler() != null);
        PublishRequest message = trigger.toPublishRequest();
        String runId = request.workflowRunId();
        message.header("upstash-workflow-runid", runId);
        if (failureCallback) {
            message.header("upstash-failure-callback-workflow-runid", runId);
        }
        if (request.invokeCount() > 0) {
            String invokeCount = Integer.toString(request.invokeCount());
            message.header("upstash-forward-upstash-workflow-invoke-count", invokeCount);
            if (failureCallback) {
                message.header("upstash-failure-callback-forward-upstash-workflow-invoke-count", invokeCount);
            }
        }
        if (request.unknownSdk()) {
            message.header("upstash-workflow-trigger-by-sdk", "true");
        }
        if (!labels.isEmpty()) {
            message.header("upstash-label", String.join(",", labels));
        }
        services.qstash().batch(List.of(message));
        return WorkflowResponses.finished(runId, "success");
    }

}
