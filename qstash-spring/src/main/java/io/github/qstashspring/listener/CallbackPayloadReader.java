package io.github.qstashspring.listener;

import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the callback JSON of spec section 13 into a {@link QStashCallbackPayload}. */
final class CallbackPayloadReader {

    private final JsonMapper mapper;

    CallbackPayloadReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    QStashCallbackPayload read(byte[] json) {
        JsonNode root;
        try {
            root = this.mapper.readTree(json);
        }
        catch (JacksonException ex) {
            throw new QStashPayloadConversionException("Callback body is not JSON", ex);
        }
        if (root == null || !root.isObject()) {
            throw new QStashPayloadConversionException("Callback body is not a JSON object",
                    new IllegalArgumentException("expected a JSON object"));
        }
        return new QStashCallbackPayload((int) number(root, "status", 0), headers(root.get("header")),
                base64(root, "body"), (int) number(root, "retried", 0), (int) number(root, "maxRetries", 0),
                text(root, "dlqId"), text(root, "sourceMessageId"), text(root, "topicName"), text(root, "endpointName"),
                text(root, "url"), text(root, "method"), headers(root.get("sourceHeader")), base64(root, "sourceBody"),
                instant(root, "notBefore"), instant(root, "createdAt"), text(root, "scheduleId"),
                text(root, "callerIP"));
    }

    private static @Nullable String text(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String value = node.asString();
        return value.isEmpty() ? null : value;
    }

    private static long number(JsonNode root, String name, long fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        String value = node.asString().trim();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            throw new QStashPayloadConversionException("Callback field '" + name + "' is not a number", ex);
        }
    }

    private static @Nullable Instant instant(JsonNode root, String name) {
        long millis = number(root, name, -1);
        return (millis < 0) ? null : Instant.ofEpochMilli(millis);
    }

    private static byte[] base64(JsonNode root, String name) {
        String value = text(root, name);
        if (value == null) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(value);
        }
        catch (IllegalArgumentException ex) {
            try {
                return Base64.getUrlDecoder().decode(value);
            }
            catch (IllegalArgumentException urlEx) {
                throw new QStashPayloadConversionException("Callback field '" + name + "' is not base64", urlEx);
            }
        }
    }

    private static Map<String, List<String>> headers(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                headers.put(entry.getKey(), value.values().stream().map(JsonNode::asString).toList());
            }
            else if (!value.isNull()) {
                headers.put(entry.getKey(), List.of(value.asString()));
            }
        }
        return Collections.unmodifiableMap(headers);
    }

}
