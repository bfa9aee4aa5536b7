package io.github.qstashspring.broker.message;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.store.MessageStore.LogEntry;
import io.github.qstashspring.broker.store.ResourceStore.UrlGroup;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.CallbackOptions;
import io.github.qstashspring.broker.store.StoredMessage.DeadLetter;
import io.github.qstashspring.broker.store.StoredMessage.Envelope;
import org.jspecify.annotations.Nullable;

import static io.github.qstashspring.broker.api.ApiJson.putBody;
import static io.github.qstashspring.broker.api.ApiJson.putIfPresent;
import static io.github.qstashspring.broker.api.ApiJson.putLabels;

/**
 * The JSON shapes of messages: {@code Message}, {@code DLQMessage}, log entries, URL
 * groups, publish results and the messages of a schedule's ticks, with every field the
 * official SDKs read (both spellings where they disagree: {@code callerIP} and
 * {@code callerIp}, {@code responseHeader} and {@code responseHeaders},
 * {@code retryDelayExpression} and {@code retryDelayExpr}). Fields named by
 * {@code Upstash-Redact-Fields} (callback headers included) and, to the read-only token,
 * sensitive headers are shown as {@code REDACTED:<hmac>} (see {@link Redactor}).
 */
final class JsonViews {

    private JsonViews() {
    }

    static Map<String, Object> message(StoredMessage message, Redactor shown) {
        Envelope envelope = message.envelope();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messageId", message.id());
        json.put("url", envelope.url());
        putIfPresent(json, "topicName", envelope.topicName());
        putIfPresent(json, "endpointName", envelope.endpointName());
        putIfPresent(json, "queueName", envelope.queueName());
        putIfPresent(json, "scheduleId", envelope.scheduleId());
        json.put("method", envelope.method());
        json.put("header", shown.headers(message.redact(), message.headers()));
        putShownBody(json, shown.payload(message.body()), shown.body(message.redact(), message.body()));
        json.put("maxRetries", envelope.maxRetries());
        putIfPresent(json, "retryDelayExpression", envelope.retryDelayExpression());
        json.put("notBefore", message.notBefore());
        json.put("createdAt", message.createdAt());
        putIfPresent(json, "callback", envelope.callback());
        putIfPresent(json, "failureCallback", envelope.failureCallback());
        putCallbackHeaders(json, "callbackHeader", message.callbackOptions(), message.redact(), shown);
        putCallbackHeaders(json, "failureCallbackHeader", message.failureCallbackOptions(), message.redact(), shown);
        if (envelope.timeoutMs() != null) {
            json.put("timeout", envelope.timeoutMs() / 1000);
        }
        putIfPresent(json, "callerIP", envelope.callerIp());
        putIfPresent(json, "callerIp", envelope.callerIp());
        putIfPresent(json, "flowControlKey", envelope.flowControlKey());
        putIfPresent(json, "parallelism", message.flowParallelism());
        putIfPresent(json, "rate", message.flowRate());
        putIfPresent(json, "period", message.flowPeriod());
        putLabels(json, envelope.labels());
        return json;
    }

    static Map<String, Object> dlqMessage(StoredMessage message, Redactor shown) {
        Map<String, Object> json = message(message, shown);
        DeadLetter entry = message.deadLetter();
        json.put("dlqId", (entry != null) ? entry.dlqId() : "");
        json.put("responseStatus", (entry != null && entry.responseStatus() != null) ? entry.responseStatus() : 0);
        json.put("responseHeader", (entry != null) ? shown.sensitive(entry.responseHeaders()) : Map.of());
        if (entry != null && entry.responseBody() != null) {
            putBody(json, "responseBody", "responseBodyBase64", entry.responseBody());
        }
        return json;
    }

    static Map<String, Object> log(LogEntry entry, Redactor shown) {
        Envelope envelope = entry.envelope();
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", entry.time());
        json.put("messageId", entry.messageId());
        json.put("state", entry.state());
        putIfPresent(json, "error", entry.error());
        putIfPresent(json, "nextDeliveryTime", entry.nextDeliveryTime());
        json.put("url", envelope.url());
        putIfPresent(json, "topicName", envelope.topicName());
        putIfPresent(json, "endpointName", envelope.endpointName());
        putIfPresent(json, "scheduleId", envelope.scheduleId());
        putIfPresent(json, "queueName", envelope.queueName());
        if (!entry.headers().isEmpty()) {
            json.put("header", shown.sensitive(entry.headers()));
        }
        if (entry.body() != null) {
            json.put("body", base64.encodeToString(shown.payload(entry.body())));
        }
        putIfPresent(json, "responseStatus", entry.responseStatus());
        if (entry.responseBody() != null) {
            json.put("responseBody", base64.encodeToString(entry.responseBody()));
        }
        if (entry.responseStatus() != null || !entry.responseHeaders().isEmpty()) {
            Map<String, List<String>> responseHeaders = shown.sensitive(entry.responseHeaders());
            json.put("responseHeaders", responseHeaders);
            json.put("responseHeader", responseHeaders);
        }
        putIfPresent(json, "timeout", envelope.timeoutMs());
        json.put("method", envelope.method());
        putIfPresent(json, "callback", envelope.callback());
        putIfPresent(json, "failureCallback", envelope.failureCallback());
        json.put("maxRetries", envelope.maxRetries());
        putIfPresent(json, "retryDelayExpression", envelope.retryDelayExpression());
        putIfPresent(json, "retryDelayExpr", envelope.retryDelayExpression());
        putIfPresent(json, "flowControlKey", envelope.flowControlKey());
        putLabels(json, envelope.labels());
        return json;
    }

    static Map<String, Object> urlGroup(UrlGroup group) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", group.name());
        json.put("createdAt", group.createdAt());
        json.put("updatedAt", group.updatedAt());
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (UrlGroup.Endpoint endpoint : group.endpoints()) {
            Map<String, Object> item = new LinkedHashMap<>();
            putIfPresent(item, "name", endpoint.name());
            item.put("url", endpoint.url());
            endpoints.add(item);
        }
        json.put("endpoints", endpoints);
        return json;
    }

    static Object publishResult(PublishResult result) {
        if (result.endpoints() != null) {
            List<Map<String, Object>> fanOut = new ArrayList<>();
            for (PublishResult endpoint : result.endpoints()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("messageId", endpoint.messageId());
                json.put("url", endpoint.url());
                if (endpoint.deduplicated()) {
                    json.put("deduplicated", true);
                }
                fanOut.add(json);
            }
            return fanOut;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messageId", result.messageId());
        if (result.deduplicated()) {
            json.put("deduplicated", true);
        }
        return json;
    }

    /**
     * The settings of the messages a schedule's ticks send, into the schedule's JSON.
     * @param options the schedule's publish options
     * @param body the body of each tick
     * @param retries the retries of each tick's messages
     * @param json the schedule's JSON object
     * @param shown how hidden values are shown to the request
     */
    static void tickOptions(PublishOptions options, byte[] body, int retries, Map<String, Object> json,
            Redactor shown) {
        json.put("method", (options.method() != null) ? options.method() : "POST");
        json.put("header", shown.headers(options.redact(), options.headers()));
        if (body.length > 0) {
            putShownBody(json, body, shown.body(options.redact(), body));
        }
        json.put("retries", retries);
        putIfPresent(json, "retryDelayExpression", options.retryDelay());
        if (options.delayMs() != null) {
            json.put("delay", options.delayMs() / 1000);
        }
        if (options.timeoutMs() != null) {
            json.put("timeout", options.timeoutMs() / 1000);
        }
        putIfPresent(json, "callback", options.callback());
        putIfPresent(json, "failureCallback", options.failureCallback());
        putCallbackHeaders(json, "callbackHeader", options.callbackOptions(), options.redact(), shown);
        putCallbackHeaders(json, "failureCallbackHeader", options.failureCallbackOptions(), options.redact(), shown);
        putIfPresent(json, "flowControlKey", options.flowControlKey());
        putIfPresent(json, "parallelism", options.parallelism());
        putIfPresent(json, "rate", options.rate());
        putIfPresent(json, "period", options.periodSeconds());
        putLabels(json, options.labels());
    }

    private static void putShownBody(Map<String, Object> json, byte[] body, @Nullable String redacted) {
        if (redacted != null) {
            json.put("body", redacted);
        }
        else {
            putBody(json, "body", "bodyBase64", body);
        }
    }

    private static void putCallbackHeaders(Map<String, Object> json, String name, @Nullable CallbackOptions options,
            @Nullable String redact, Redactor shown) {
        if (options != null && !options.headers().isEmpty()) {
            json.put(name, shown.headers(redact, options.headers()));
        }
    }

}
