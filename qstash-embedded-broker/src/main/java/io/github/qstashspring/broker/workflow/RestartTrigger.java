package io.github.qstashspring.broker.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.CallbackOptions;
import io.github.qstashspring.broker.store.WorkflowStore.Run;
import io.github.qstashspring.broker.store.WorkflowStore.RunConfig;

/**
 * The trigger that restarts a failed run as a new run: the publish headers an SDK's
 * {@code client.trigger} would have sent for the run (its URL, labels, forwarded headers,
 * retries, retry delay, flow control and failure callback), with a new run id and the
 * options a restart request overrides ({@code Upstash-Retries},
 * {@code Upstash-Flow-Control-Key}/{@code -Value}, {@code Upstash-Retry-Delay},
 * {@code Upstash-Delay}, {@code Upstash-Label}, {@code Upstash-Failure-Callback}).
 */
final class RestartTrigger {

    private static final String FEATURE_SET = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig";

    private static final List<String> OVERRIDDEN = List.of("upstash-retries", "upstash-flow-control-key",
            "upstash-flow-control-value", "upstash-retry-delay", "upstash-delay", "upstash-label",
            "upstash-failure-callback");

    private RestartTrigger() {
    }

    /**
     * The publish headers of the trigger of a restarted run.
     * @param run the failed run
     * @param failed the message that failed it (its content type is the trigger's)
     * @param runId the new run's id
     * @param overrides the headers of the restart request
     * @return the headers to publish the run's initial payload to its URL with
     */
    static RequestHeaders headers(Run run, StoredMessage failed, String runId, RequestHeaders overrides) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        put(headers, "upstash-workflow-init", "true");
        put(headers, "upstash-workflow-runid", runId);
        put(headers, "upstash-workflow-url", run.url());
        put(headers, "upstash-workflow-sdk-version", "1");
        put(headers, "upstash-forward-upstash-workflow-sdk-version", "1");
        put(headers, "upstash-feature-set", FEATURE_SET);
        List<String> contentType = failed.headers().get("Content-Type");
        put(headers, "content-type",
                (contentType != null && !contentType.isEmpty()) ? contentType.get(0) : "application/json");
        run.forwardedHeaders()
            .forEach((name, values) -> headers.put("upstash-forward-" + name.toLowerCase(Locale.ROOT),
                    new ArrayList<>(values)));
        if (!run.labels().isEmpty()) {
            put(headers, "upstash-label", String.join(",", run.labels()));
        }
        configuration(run.config(), headers);
        for (String name : OVERRIDDEN) {
            List<String> values = overrides.all(name);
            if (!values.isEmpty()) {
                headers.put(name, values);
            }
        }
        if (!overrides.all("upstash-label").isEmpty()) {
            headers.put("upstash-forward-upstash-label", overrides.all("upstash-label"));
        }
        return RequestHeaders.of(headers);
    }

    private static void configuration(RunConfig config, Map<String, List<String>> headers) {
        put(headers, "upstash-retries", String.valueOf(config.retries()));
        if (config.retryDelay() != null) {
            put(headers, "upstash-retry-delay", config.retryDelay());
        }
        if (config.flowControlKey() != null) {
            put(headers, "upstash-flow-control-key", config.flowControlKey());
            List<String> value = new ArrayList<>();
            if (config.parallelism() != null) {
                value.add("parallelism=" + config.parallelism());
            }
            if (config.rate() != null) {
                value.add("rate=" + config.rate());
            }
            if (config.periodSeconds() != null) {
                value.add("period=" + config.periodSeconds() + "s");
            }
            if (!value.isEmpty()) {
                put(headers, "upstash-flow-control-value", String.join(", ", value));
            }
        }
        if (config.failureCallback() != null) {
            put(headers, "upstash-failure-callback", config.failureCallback());
            CallbackOptions options = config.failureCallbackOptions();
            if (options != null) {
                failureCallbackOptions(options, headers);
            }
        }
    }

    private static void failureCallbackOptions(CallbackOptions options, Map<String, List<String>> headers) {
        String prefix = "upstash-failure-callback-";
        if (options.method() != null) {
            put(headers, prefix + "method", options.method());
        }
        if (options.retries() != null) {
            put(headers, prefix + "retries", String.valueOf(options.retries()));
        }
        if (options.timeoutMs() != null) {
            put(headers, prefix + "timeout", options.timeoutMs() + "ms");
        }
        if (options.retryDelayExpression() != null) {
            put(headers, prefix + "retry-delay", options.retryDelayExpression());
        }
        if (options.delayMs() != null) {
            put(headers, prefix + "delay", options.delayMs() + "ms");
        }
        options.headers()
            .forEach((name, values) -> headers.put(prefix + "forward-" + name.toLowerCase(Locale.ROOT),
                    new ArrayList<>(values)));
    }

    private static void put(Map<String, List<String>> headers, String name, String value) {
        headers.put(name, new ArrayList<>(List.of(value)));
    }

}
