package io.github.qstashspring.client;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of a run's trigger message, as the official SDK 1.3.3 builds them: the
 * protocol headers, the run configuration QStash keeps for every step
 * ({@code WF_TriggerOnConfig}), the user's headers forwarded to every delivery, and the
 * failure callback with its own copy of the configuration and headers. Names in lower
 * case, as the SDK sends them.
 */
final class WorkflowTriggerHeaders {

    /** QStash's default number of retries, which is therefore not sent. */
    private static final int DEFAULT_RETRIES = 3;

    private WorkflowTriggerHeaders() {
    }

    static Map<String, String> of(WorkflowTrigger trigger) {
        String runId = trigger.getWorkflowRunId();
        String url = trigger.getUrl();
        Map<String, String> forwarded = new LinkedHashMap<>(trigger.userHeaders());
        String labels = String.join(",", trigger.labels());
        if (!labels.isEmpty()) {
            forwarded.put("upstash-label", labels);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("upstash-workflow-init", "true");
        headers.put("upstash-workflow-runid", runId);
        headers.put("upstash-workflow-url", url);
        headers.put("upstash-feature-set", WorkflowTrigger.FEATURE_SET);
        headers.put("upstash-workflow-sdk-version", "1");
        headers.put("upstash-forward-upstash-workflow-sdk-version", "1");
        runConfiguration(trigger, headers, "upstash-");
        forwarded.forEach((name, value) -> headers.put("upstash-forward-" + name, value));
        String failureUrl = trigger.failureCallbackUrl();
        if (failureUrl != null) {
            headers.put("upstash-failure-callback", failureUrl);
            runConfiguration(trigger, headers, "upstash-failure-callback-");
            forwarded.forEach((name, value) -> headers.put("upstash-failure-callback-forward-" + name, value));
            headers.put("upstash-failure-callback-forward-upstash-workflow-is-failure", "true");
            headers.put("upstash-failure-callback-forward-upstash-workflow-failure-callback", "true");
            headers.put("upstash-failure-callback-workflow-runid", runId);
            headers.put("upstash-failure-callback-workflow-init", "false");
            headers.put("upstash-failure-callback-workflow-url", url);
            headers.put("upstash-failure-callback-workflow-calltype", "failureCall");
            headers.put("upstash-failure-callback-feature-set", WorkflowTrigger.FEATURE_SET);
        }
        if (!labels.isEmpty()) {
            headers.put("upstash-label", labels);
        }
        return headers;
    }

    private static void runConfiguration(WorkflowTrigger trigger, Map<String, String> target, String prefix) {
        Integer retries = trigger.retries();
        if (retries != null && retries != DEFAULT_RETRIES) {
            target.put(prefix + "retries", Integer.toString(retries));
        }
        String retryDelay = trigger.retryDelay();
        if (retryDelay != null && !retryDelay.isEmpty()) {
            target.put(prefix + "retry-delay", retryDelay);
        }
        FlowControl flowControl = trigger.flowControl();
        if (flowControl != null) {
            Map<String, String> flow = new LinkedHashMap<>();
            flowControl.writeHeaders(flow, "");
            flow.forEach((name, value) -> target.put(prefix + name.toLowerCase(Locale.ROOT), value));
        }
    }

}
