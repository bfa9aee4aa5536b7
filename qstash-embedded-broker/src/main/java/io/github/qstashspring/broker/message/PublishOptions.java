package io.github.qstashspring.broker.message;

import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.store.StoredMessage.CallbackOptions;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of a publish request, read from its {@code Upstash-*} headers (and
 * query parameters). Absent values are {@code null}, so that options given to a DLQ retry
 * can override only what they set.
 *
 * @param method {@code Upstash-Method}
 * @param delayMs {@code Upstash-Delay}
 * @param notBeforeMs {@code Upstash-Not-Before} (converted from seconds)
 * @param retries {@code Upstash-Retries}
 * @param retryDelay {@code Upstash-Retry-Delay} (a valid expression)
 * @param timeoutMs {@code Upstash-Timeout}
 * @param callback {@code Upstash-Callback}
 * @param callbackOptions {@code Upstash-Callback-*}
 * @param failureCallback {@code Upstash-Failure-Callback}
 * @param failureCallbackOptions {@code Upstash-Failure-Callback-*}
 * @param headers {@code Content-Type} and the forwarded headers, canonical names, prefix
 * removed
 * @param deduplicationId {@code Upstash-Deduplication-Id}
 * @param contentBasedDeduplication {@code Upstash-Content-Based-Deduplication}
 * @param flowControlKey {@code Upstash-Flow-Control-Key}
 * @param parallelism parallelism of {@code Upstash-Flow-Control-Value}
 * @param rate rate of {@code Upstash-Flow-Control-Value}
 * @param periodSeconds period of {@code Upstash-Flow-Control-Value}
 * @param labels {@code Upstash-Label}
 * @param redact {@code Upstash-Redact-Fields}
 * @param workflow the {@code Upstash-Workflow-*} headers of a workflow message, or
 * {@code null}
 */
record PublishOptions(@Nullable String method, @Nullable Long delayMs, @Nullable Long notBeforeMs,
        @Nullable Integer retries, @Nullable String retryDelay, @Nullable Long timeoutMs, @Nullable String callback,
        @Nullable CallbackOptions callbackOptions, @Nullable String failureCallback,
        @Nullable CallbackOptions failureCallbackOptions, Map<String, List<String>> headers,
        @Nullable String deduplicationId, boolean contentBasedDeduplication, @Nullable String flowControlKey,
        @Nullable Integer parallelism, @Nullable Integer rate, @Nullable Long periodSeconds, List<String> labels,
        @Nullable String redact, PublishService.@Nullable WorkflowHeaders workflow) {

    /**
     * These options without deduplication (messages produced by a schedule are never
     * deduplicated).
     * @return a copy without deduplication id and content-based deduplication
     */
    PublishOptions withoutDeduplication() {
        return new PublishOptions(this.method, this.delayMs, this.notBeforeMs, this.retries, this.retryDelay,
                this.timeoutMs, this.callback, this.callbackOptions, this.failureCallback, this.failureCallbackOptions,
                this.headers, null, false, this.flowControlKey, this.parallelism, this.rate, this.periodSeconds,
                this.labels, this.redact, this.workflow);
    }

}
