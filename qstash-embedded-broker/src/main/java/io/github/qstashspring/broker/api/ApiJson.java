package io.github.qstashspring.broker.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON details every resource answers alike: how a body, labels and optional fields
 * are shown, and how a text value is read.
 */
public final class ApiJson {

    private ApiJson() {
    }

    /**
     * The text of a JSON value.
     * @param node the value, or {@code null}
     * @return its text, or {@code null} when absent, {@code null} or empty
     */
    public static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.asString();
        return (value == null || value.isEmpty()) ? null : value;
    }

    /**
     * Puts a field into a JSON object unless the value is {@code null}.
     * @param json the object
     * @param name the field
     * @param value the value, or {@code null}
     */
    public static void putIfPresent(Map<String, Object> json, String name, @Nullable Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    /**
     * Puts a body into a JSON object as QStash shows it: as text when it is UTF-8, else
     * in base64 under another name; nothing when it is empty.
     * @param json the object
     * @param textName the field of a text body
     * @param base64Name the field of a binary body
     * @param body the body
     */
    public static void putBody(Map<String, Object> json, String textName, String base64Name, byte[] body) {
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

    /**
     * Puts labels into a JSON object as QStash shows them ({@code label}, the first, and
     * {@code labels}); nothing when there is none.
     * @param json the object
     * @param labels the labels
     */
    public static void putLabels(Map<String, Object> json, List<String> labels) {
        if (!labels.isEmpty()) {
            json.put("label", labels.get(0));
            json.put("labels", labels);
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

}
