package io.github.qstashspring.broker.message;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the API shows what it hides: a value named by {@code Upstash-Redact-Fields} (see
 * {@link Redaction}), and, to the read-only token, every sensitive header
 * ({@code qstash.embedded.read-only-redacted-headers}, also in its forwarded forms
 * {@code Upstash-Forward-<name>}, {@code Upstash-Callback-Forward-<name>} and
 * {@code Upstash-Failure-Callback-Forward-<name>}, and the headers a callback's payload
 * carries). A hidden value is shown as {@code REDACTED:<hex HMAC-SHA256>} keyed with the
 * broker's own redaction key (generated once per database): equal values still look
 * equal, but a guessed value cannot be checked against it without the key.
 */
final class Redactor {

    private static final List<String> FORWARD_PREFIXES = List.of("upstash-forward-", "upstash-callback-forward-",
            "upstash-failure-callback-forward-");

    private final SecretKeySpec key;

    private final Set<String> sensitive;

    private final boolean readOnly;

    private final JsonMapper json;

    /**
     * Creates the redactor of the full token.
     * @param key the broker's redaction key
     * @param sensitiveHeaders the headers hidden from the read-only token
     * @param json reads and writes callback payloads
     */
    Redactor(byte[] key, List<String> sensitiveHeaders, JsonMapper json) {
        this(new SecretKeySpec(key, "HmacSHA256"),
                sensitiveHeaders.stream()
                    .map((name) -> name.trim().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet()),
                false, json);
    }

    private Redactor(SecretKeySpec key, Set<String> sensitive, boolean readOnly, JsonMapper json) {
        this.key = key;
        this.sensitive = sensitive;
        this.readOnly = readOnly;
        this.json = json;
    }

    /**
     * @param readOnly whether the request was made with the read-only token
     * @return how values are shown to that request
     */
    Redactor forReader(boolean readOnly) {
        return (readOnly == this.readOnly) ? this : new Redactor(this.key, this.sensitive, readOnly, this.json);
    }

    /**
     * The shown form of a hidden value.
     * @param value the real value
     * @return {@code REDACTED:<hex HMAC-SHA256>}
     */
    String redacted(byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(this.key);
            return "REDACTED:" + HexFormat.of().formatHex(mac.doFinal(value));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Shows headers: those named by a message's {@code Upstash-Redact-Fields} and, to the
     * read-only token, the sensitive ones, redacted.
     * @param spec the message's {@code Upstash-Redact-Fields}, or {@code null}
     * @param headers the headers
     * @return the headers to show
     */
    Map<String, List<String>> headers(@Nullable String spec, Map<String, List<String>> headers) {
        Redaction redaction = Redaction.of(spec);
        if (!redaction.hidesHeaders() && !this.readOnly) {
            return headers;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        headers.forEach((name, values) -> result.put(name,
                (redaction.hides(name) || isSensitive(name)) ? redactAll(values) : values));
        return result;
    }

    /**
     * Shows headers already redacted as their message asked (log entries) or that no
     * message option covers (responses): to the read-only token, the sensitive ones
     * redacted.
     * @param headers the headers
     * @return the headers to show
     */
    Map<String, List<String>> sensitive(Map<String, List<String>> headers) {
        return headers(null, headers);
    }

    /**
     * Shows a body.
     * @param spec the message's {@code Upstash-Redact-Fields}, or {@code null}
     * @param body the body
     * @return its redacted form, or {@code null} when it is shown as it is
     */
    @Nullable String body(@Nullable String spec, byte[] body) {
        return Redaction.of(spec).body() ? redacted(body) : null;
    }

    /**
     * Shows a body to the read-only token: a callback's payload (QStash's JSON with
     * {@code sourceMessageId}, {@code sourceHeader} and {@code header}) carries its
     * source message's headers and the destination's response headers, so their sensitive
     * ones are redacted; any other body is shown as it is.
     * @param body the body
     * @return the body to show
     */
    byte[] payload(byte[] body) {
        if (!this.readOnly || body.length == 0 || body[0] != '{') {
            return body;
        }
        try {
            if (!(this.json.readTree(body) instanceof ObjectNode payload) || !payload.has("sourceMessageId")
                    || !payload.has("sourceHeader")) {
                return body;
            }
            redactHeaders(payload.get("sourceHeader"));
            redactHeaders(payload.get("header"));
            return this.json.writeValueAsBytes(payload);
        }
        catch (JacksonException ex) {
            return body;
        }
    }

    private void redactHeaders(@Nullable JsonNode headers) {
        if (!(headers instanceof ObjectNode object)) {
            return;
        }
        for (Map.Entry<String, JsonNode> header : List.copyOf(object.properties())) {
            if (!isSensitive(header.getKey())) {
                continue;
            }
            JsonNode value = header.getValue();
            if (value.isArray()) {
                ArrayNode redacted = object.putArray(header.getKey());
                value.values()
                    .forEach((item) -> redacted.add(redacted(item.asString().getBytes(StandardCharsets.UTF_8))));
            }
            else {
                object.put(header.getKey(), redacted(value.asString().getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private boolean isSensitive(String name) {
        if (!this.readOnly) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String prefix : FORWARD_PREFIXES) {
            if (lower.startsWith(prefix)) {
                lower = lower.substring(prefix.length());
                break;
            }
        }
        return this.sensitive.contains(lower);
    }

    private List<String> redactAll(List<String> values) {
        return values.stream().map((value) -> redacted(value.getBytes(StandardCharsets.UTF_8))).toList();
    }

    @Override
    public String toString() {
        return "Redactor[key hidden, sensitive=" + this.sensitive + ", readOnly=" + this.readOnly + "]";
    }

}
