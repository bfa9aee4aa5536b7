package io.github.qstashspring.broker.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.message.PublishOptions;
import io.github.qstashspring.broker.message.Redaction;
import io.github.qstashspring.broker.schedule.ScheduleView;
import io.github.qstashspring.broker.store.CallbackOptions;
import io.github.qstashspring.broker.store.LogEntity;
import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.StoredSchedule;
import io.github.qstashspring.broker.store.StoredUrlGroup;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of the API: {@code Message}, {@code DLQMessage} and log entries, with
 * every field the official SDKs read (both spellings where they disagree:
 * {@code callerIP} and {@code callerIp}, {@code responseHeader} and
 * {@code responseHeaders}, {@code retryDelayExpression} and {@code retryDelayExpr}).
 * Fields named by {@code Upstash-Redact-Fields} are shown as {@code REDACTED:<sha256>}
 * (see {@link Redaction}).
 */
final class JsonViews {

    private JsonViews() {
    }

    static Map<String, Object> message(MessageEntity message) {
        Redaction redaction = Redaction.of(message.getRedact());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messageId", message.getId());
        json.put("url", message.getUrl());
        putIfPresent(json, "topicName", message.getTopicName());
        putIfPresent(json, "endpointName", message.getEndpointName());
        putIfPresent(json, "queueName", message.getQueueName());
        putIfPresent(json, "scheduleId", message.getScheduleId());
        json.put("method", message.getMethod());
        json.put("header", redaction.headers(message.getHeaders()));
        putBody(json, "body", "bodyBase64", message.getBody(), redaction.body());
        json.put("maxRetries", message.getMaxRetries());
        putIfPresent(json, "retryDelayExpression", message.getRetryDelayExpression());
        json.put("notBefore", message.getNotBefore());
        json.put("createdAt", message.getCreatedAt());
        putIfPresent(json, "callback", message.getCallback());
        putIfPresent(json, "failureCallback", message.getFailureCallback());
        putCallbackHeaders(json, "callbackHeader", message.getCallbackOptions());
        putCallbackHeaders(json, "failureCallbackHeader", message.getFailureCallbackOptions());
        if (message.getTimeoutMs() != null) {
            json.put("timeout", message.getTimeoutMs() / 1000);
        }
        putIfPresent(json, "callerIP", message.getCallerIp());
        putIfPresent(json, "callerIp", message.getCallerIp());
        putIfPresent(json, "flowControlKey", message.getFlowControlKey());
        putIfPresent(json, "parallelism", message.getFlowParallelism());
        putIfPresent(json, "rate", message.getFlowRate());
        putIfPresent(json, "period", message.getFlowPeriod());
        putLabels(json, message.getLabels());
        return json;
    }

    static Map<String, Object> schedule(ScheduleView view) {
        StoredSchedule schedule = view.schedule();
        PublishOptions options = view.options();
        Redaction redaction = Redaction.of(options.redact());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scheduleId", schedule.id());
        json.put("cron", schedule.cron());
        json.put("destination", schedule.destination());
        json.put("createdAt", schedule.createdAt());
        json.put("method", (options.method() != null) ? options.method() : "POST");
        json.put("header", redaction.headers(options.headers()));
        if (schedule.body().length > 0) {
            putBody(json, "body", "bodyBase64", schedule.body(), redaction.body());
        }
        json.put("retries", view.retries());
        putIfPresent(json, "retryDelayExpression",
                (options.retryDelay() != null) ? options.retryDelay().getText() : null);
        if (options.delayMs() != null) {
            json.put("delay", options.delayMs() / 1000);
        }
        if (options.timeoutMs() != null) {
            json.put("timeout", options.timeoutMs() / 1000);
        }
        putIfPresent(json, "callback", options.callback());
        putIfPresent(json, "failureCallback", options.failureCallback());
        putCallbackHeaders(json, "callbackHeader", options.callbackOptions());
        putCallbackHeaders(json, "failureCallbackHeader", options.failureCallbackOptions());
        putIfPresent(json, "callerIP", schedule.callerIp());
        putIfPresent(json, "callerIp", schedule.callerIp());
        json.put("isPaused", schedule.paused());
        putIfPresent(json, "queueName", schedule.queueName());
        putIfPresent(json, "flowControlKey", options.flowControlKey());
        putIfPresent(json, "parallelism", options.parallelism());
        putIfPresent(json, "rate", options.rate());
        putIfPresent(json, "period", options.periodSeconds());
        putLabels(json, options.labels());
        putIfPresent(json, "lastScheduleTime", schedule.lastTickAt());
        if (schedule.nextTickAt() != Long.MAX_VALUE) {
            json.put("nextScheduleTime", schedule.nextTickAt());
        }
        json.put("lastScheduleStates", view.lastScheduleStates());
        putIfPresent(json, "error", schedule.lastError());
        return json;
    }

    static Map<String, Object> urlGroup(StoredUrlGroup group) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", group.name());
        json.put("createdAt", group.createdAt());
        json.put("updatedAt", group.updatedAt());
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (StoredUrlGroup.Endpoint endpoint : group.endpoints()) {
            Map<String, Object> item = new LinkedHashMap<>();
            putIfPresent(item, "name", endpoint.name());
            item.put("url", endpoint.url());
            endpoints.add(item);
        }
        json.put("endpoints", endpoints);
        return json;
    }

    static Map<String, Object> dlqMessage(MessageEntity message) {
        Map<String, Object> json = message(message);
        json.put("dlqId", message.getDlqId());
        json.put("responseStatus", (message.getResponseStatus() != null) ? message.getResponseStatus() : 0);
        json.put("responseHeader", message.getResponseHeaders());
        if (message.getResponseBody() != null) {
            putBody(json, "responseBody", "responseBodyBase64", message.getResponseBody(), false);
        }
        return json;
    }

    static Map<String, Object> log(LogEntity entry) {
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", entry.getTime());
        json.put("messageId", entry.getMessageId());
        json.put("state", entry.getState());
        putIfPresent(json, "error", entry.getError());
        putIfPresent(json, "nextDeliveryTime", entry.getNextDeliveryTime());
        json.put("url", (entry.getUrl() != null) ? entry.getUrl() : "");
        putIfPresent(json, "topicName", entry.getTopicName());
        putIfPresent(json, "endpointName", entry.getEndpointName());
        putIfPresent(json, "scheduleId", entry.getScheduleId());
        putIfPresent(json, "queueName", entry.getQueueName());
        if (!entry.getHeaders().isEmpty()) {
            json.put("header", entry.getHeaders());
        }
        if (entry.getBody() != null) {
            json.put("body", base64.encodeToString(entry.getBody()));
        }
        putIfPresent(json, "responseStatus", entry.getResponseStatus());
        if (entry.getResponseBody() != null) {
            json.put("responseBody", base64.encodeToString(entry.getResponseBody()));
        }
        if (entry.getResponseStatus() != null || !entry.getResponseHeaders().isEmpty()) {
            json.put("responseHeaders", entry.getResponseHeaders());
            json.put("responseHeader", entry.getResponseHeaders());
        }
        putIfPresent(json, "timeout", entry.getTimeoutMs());
        putIfPresent(json, "method", entry.getMethod());
        putIfPresent(json, "callback", entry.getCallback());
        putIfPresent(json, "failureCallback", entry.getFailureCallback());
        putIfPresent(json, "maxRetries", entry.getMaxRetries());
        putIfPresent(json, "retryDelayExpression", entry.getRetryDelayExpression());
        putIfPresent(json, "retryDelayExpr", entry.getRetryDelayExpression());
        putIfPresent(json, "flowControlKey", entry.getFlowControlKey());
        putLabels(json, entry.getLabels());
        return json;
    }

    private static void putBody(Map<String, Object> json, String textName, String base64Name, byte[] body,
            boolean redacted) {
        if (redacted) {
            json.put(textName, Redaction.redacted(body));
            return;
        }
        if (body.length == 0) {
            return;
        }
        String text = utf8(body);
        if (text != null) {
            json.put(textName, text);
        }
        else {
            json.put(base64Name, Base64.getEncoder().encodeToString(body));
        }
    }

    private static @Nullable String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }

    private static void putCallbackHeaders(Map<String, Object> json, String name, @Nullable CallbackOptions options) {
        if (options != null && !options.headers().isEmpty()) {
            json.put(name, options.headers());
        }
    }

    private static void putLabels(Map<String, Object> json, List<String> labels) {
        if (!labels.isEmpty()) {
            json.put("label", labels.get(0));
            json.put("labels", labels);
        }
    }

    private static void putIfPresent(Map<String, Object> json, String name, @Nullable Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

}
