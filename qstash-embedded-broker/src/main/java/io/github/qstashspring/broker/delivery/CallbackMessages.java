package io.github.qstashspring.broker.delivery;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.message.Ids;
import io.github.qstashspring.broker.store.CallbackOptions;
import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds callback and failure-callback messages: ordinary signed messages to the callback
 * URL whose JSON body is the payload of QStash's callbacks ({@code status},
 * {@code header}, {@code body} (base64), {@code retried}, {@code maxRetries},
 * {@code dlqId} (failure callback only), {@code sourceMessageId}, {@code url},
 * {@code method}, {@code sourceHeader}, {@code sourceBody} (base64), {@code notBefore},
 * {@code createdAt}, {@code callerIP}, and {@code topicName}, {@code endpointName},
 * {@code scheduleId} when set). They are retried with the original message's settings
 * unless {@code Upstash-Callback-*} headers override them.
 */
final class CallbackMessages {

    private final JsonMapper json;

    CallbackMessages(JsonMapper json) {
        this.json = json;
    }

    MessageEntity callback(MessageEntity source, AttemptResult result, long seq, long now) {
        return create(source, source.getCallback(), source.getCallbackOptions(), payload(source, result, null), seq,
                now);
    }

    MessageEntity failureCallback(MessageEntity source, AttemptResult result, String dlqId, long seq, long now) {
        return create(source, source.getFailureCallback(), source.getFailureCallbackOptions(),
                payload(source, result, dlqId), seq, now);
    }

    private MessageEntity create(MessageEntity source, @Nullable String url, @Nullable CallbackOptions options,
            byte[] payload, long seq, long now) {
        MessageEntity message = new MessageEntity();
        message.setId(Ids.messageId());
        message.setSeq(seq);
        message.setState(MessageState.PENDING);
        message.setUrl((url != null) ? url : "");
        message.setUrlHost(io.github.qstashspring.broker.message.Destinations.host(message.getUrl()));
        message.setUrlPath(io.github.qstashspring.broker.message.Destinations.path(message.getUrl()));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", new ArrayList<>(List.of("application/json")));
        if (options != null) {
            headers.putAll(options.headers());
        }
        message.setHeaders(headers);
        message.setBody(payload);
        message.setMethod((options != null && options.method() != null) ? options.method() : "POST");
        message
            .setMaxRetries((options != null && options.retries() != null) ? options.retries() : source.getMaxRetries());
        message.setRetryDelayExpression((options != null && options.retryDelayExpression() != null)
                ? options.retryDelayExpression() : source.getRetryDelayExpression());
        message.setTimeoutMs(
                (options != null && options.timeoutMs() != null) ? options.timeoutMs() : source.getTimeoutMs());
        long notBefore = now + ((options != null && options.delayMs() != null) ? options.delayMs() : 0);
        message.setNotBefore(notBefore);
        message.setNextDeliveryAt(notBefore);
        message.setCreatedAt(now);
        return message;
    }

    private byte[] payload(MessageEntity source, AttemptResult result, @Nullable String dlqId) {
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("status", (result.status() != null) ? result.status() : 0);
        payload.put("header", result.headers());
        payload.put("body", base64.encodeToString(result.body()));
        payload.put("retried", source.getRetried());
        payload.put("maxRetries", source.getMaxRetries());
        if (dlqId != null) {
            payload.put("dlqId", dlqId);
        }
        payload.put("sourceMessageId", source.getId());
        putIfPresent(payload, "topicName", source.getTopicName());
        putIfPresent(payload, "endpointName", source.getEndpointName());
        payload.put("url", source.getUrl());
        payload.put("method", source.getMethod());
        payload.put("sourceHeader", source.getHeaders());
        payload.put("sourceBody", base64.encodeToString(source.getBody()));
        payload.put("notBefore", source.getNotBefore());
        payload.put("createdAt", source.getCreatedAt());
        putIfPresent(payload, "scheduleId", source.getScheduleId());
        putIfPresent(payload, "callerIP", source.getCallerIp());
        return this.json.writeValueAsBytes(payload);
    }

    private static void putIfPresent(Map<String, Object> payload, String name, @Nullable Object value) {
        if (value != null) {
            payload.put(name, value);
        }
    }

}
