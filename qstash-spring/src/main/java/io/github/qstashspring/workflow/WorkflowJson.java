package io.github.qstashspring.workflow;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * JSON of a workflow: the protocol's own messages (steps, histories, envelopes) with a
 * fixed mapper that the application's configuration cannot change, and the user's values
 * (payloads, step results, event data) with the application's mapper. Values are read as
 * the official SDK reads them: JSON when the text is JSON, the text itself otherwise.
 */
final class WorkflowJson {

    private static final JsonMapper PROTOCOL = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private final JsonMapper values;

    WorkflowJson(JsonMapper values) {
        this.values = values;
    }

    static ObjectNode object() {
        return PROTOCOL.createObjectNode();
    }

    /** Serialises a protocol message. */
    static String write(JsonNode node) {
        return PROTOCOL.writeValueAsString(node);
    }

    /** A protocol value (such as a QStash response record) as a JSON tree. */
    static JsonNode protocolTree(@Nullable Object value) {
        return PROTOCOL.valueToTree(value);
    }

    /** Converts part of a protocol message to a type. */
    static <V> V protocolValue(JsonNode node, Class<V> type) {
        return PROTOCOL.treeToValue(node, type);
    }

    /** Parses a protocol message. */
    static JsonNode readProtocol(String text) {
        try {
            return PROTOCOL.readTree(text);
        }
        catch (JacksonException ex) {
            throw new WorkflowProtocolException("Invalid JSON in a workflow message: " + ex.getOriginalMessage(), ex);
        }
    }

    /** Serialises a user value as JSON text with the application's mapper. */
    String writeValue(@Nullable Object value) {
        return this.values.writeValueAsString(value);
    }

    /** A user value as a JSON tree, with the application's mapper. */
    JsonNode toTree(@Nullable Object value) {
        return this.values.valueToTree(value);
    }

    JavaType type(Type type) {
        return this.values.getTypeFactory().constructType(type);
    }

    /**
     * Reads a user value recorded as text: JSON converted to {@code type}, or the text
     * itself when it is not JSON and a string is acceptable.
     * @throws JacksonException when the value cannot become {@code type}
     */
    @SuppressWarnings("unchecked")
    <R> @Nullable R read(@Nullable String text, JavaType type) {
        if (text == null) {
            return null;
        }
        Class<?> raw = type.getRawClass();
        if (raw == byte[].class) {
            return (R) text.getBytes(StandardCharsets.UTF_8);
        }
        JsonNode node = parseOrNull(text);
        if (raw == String.class || raw == CharSequence.class) {
            return (R) ((node != null && node.isString()) ? node.asString() : text);
        }
        if (node == null) {
            node = StringNode.valueOf(text);
        }
        return convert(node, type);
    }

    /**
     * Converts a JSON value to {@code type} with the application's mapper.
     * @throws JacksonException when it cannot
     */
    @SuppressWarnings("unchecked")
    <R> @Nullable R convert(JsonNode node, JavaType type) {
        if (type.getRawClass().isInstance(node)) {
            return (R) node;
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return this.values.treeToValue(node, type);
    }

    private @Nullable JsonNode parseOrNull(String text) {
        try {
            return this.values.readTree(text);
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    /**
     * Headers as QStash writes them in JSON, {@code {"Name":["value",...]}} (a single
     * value is accepted too).
     */
    static Map<String, List<String>> headers(JsonNode json) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        json.properties().forEach((entry) -> {
            JsonNode value = entry.getValue();
            headers.put(entry.getKey(),
                    value.isArray() ? value.valueStream().map(JsonNode::asString).toList() : List.of(value.asString()));
        });
        return headers;
    }

    /**
     * Decodes base64 (padding optional) to UTF-8 text, as the official SDK decodes the
     * bodies of a history.
     */
    static String decodeBase64(String base64) {
        return new String(base64Bytes(base64), StandardCharsets.UTF_8);
    }

    /** Decodes base64, also when it has no padding or contains line breaks. */
    static byte[] base64Bytes(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        }
        catch (IllegalArgumentException ex) {
            try {
                return Base64.getMimeDecoder().decode(base64);
            }
            catch (IllegalArgumentException notBase64) {
                throw new WorkflowProtocolException("Invalid base64 in a workflow message", notBase64);
            }
        }
    }

}
