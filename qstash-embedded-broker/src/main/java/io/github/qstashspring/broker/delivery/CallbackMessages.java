package io.github.qstashspring.broker.delivery;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.CallbackOptions;
import io.github.qstashspring.broker.store.StoredMessage.Envelope;
import io.github.qstashspring.broker.store.StoredMessage.State;
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
 * unless {@code Upstash-Callback-*} headers override them, they hold the queue turn of
 * their source, and the API shows them redacted as their source
 * ({@code Upstash-Redact-Fields}).
 */
final class CallbackMessages {

    private final JsonMapper json;

    CallbackMessages(JsonMapper json) {
        this.json = json;
    }

    StoredMessage callback(StoredMessage source, AttemptResult result, long now) {
        return create(source, source.envelope().callback(), source.callbackOptions(), payload(source, result, null),
                now);
    }

    StoredMessage failureCallback(StoredMessage source, AttemptResult result, String dlqId, long now) {
        return create(source, source.envelope().failureCallback(), source.failureCallbackOptions(),
                payload(source, result, dlqId), now);
    }

    private StoredMessage create(StoredMessage source, @Nullable String callbackUrl, @Nullable CallbackOptions options,
            byte[] payload, long now) {
        Envelope from = source.envelope();
        String url = (callbackUrl != null) ? callbackUrl : "";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", new ArrayList<>(List.of("application/json")));
        if (options != null) {
            headers.putAll(options.headers());
        }
        Envelope envelope = new Envelope(url, Envelope.hostOf(url), Envelope.pathOf(url), null, null, null, null,
                (options != null && options.method() != null) ? options.method() : "POST",
                (options != null && options.retries() != null) ? options.retries() : from.maxRetries(),
                (options != null && options.retryDelayExpression() != null) ? options.retryDelayExpression()
                        : from.retryDelayExpression(),
                (options != null && options.timeoutMs() != null) ? options.timeoutMs() : from.timeoutMs(), null, null,
                null, List.of(), null);
        long notBefore = now + ((options != null && options.delayMs() != null) ? options.delayMs() : 0);
        return new StoredMessage(StoredMessage.newId(), 0, State.PENDING, notBefore, null, false, envelope,
                source.turnQueueName(), headers, payload, 0, null, null, null, null, null, source.redact(), notBefore,
                now, null);
    }

    private byte[] payload(StoredMessage source, AttemptResult result, @Nullable String dlqId) {
        Envelope envelope = source.envelope();
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("status", (result.status() != null) ? result.status() : 0);
        payload.put("header", result.headers());
        payload.put("body", base64.encodeToString(result.body()));
        payload.put("retried", source.retried());
        payload.put("maxRetries", envelope.maxRetries());
        if (dlqId != null) {
            payload.put("dlqId", dlqId);
        }
        payload.put("sourceMessageId", source.id());
        putIfPresent(payload, "topicName", envelope.topicName());
        putIfPresent(payload, "endpointName", envelope.endpointName());
        payload.put("url", envelope.url());
        payload.put("method", envelope.method());
        payload.put("sourceHeader", source.headers());
        payload.put("sourceBody", base64.encodeToString(source.body()));
        payload.put("notBefore", source.notBefore());
        payload.put("createdAt", source.createdAt());
        putIfPresent(payload, "scheduleId", envelope.scheduleId());
        putIfPresent(payload, "callerIP", envelope.callerIp());
        return this.json.writeValueAsBytes(payload);
    }

    private static void putIfPresent(Map<String, Object> payload, String name, @Nullable Object value) {
        if (value != null) {
            payload.put(name, value);
        }
    }

}
