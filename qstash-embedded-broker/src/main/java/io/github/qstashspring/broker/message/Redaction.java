package io.github.qstashspring.broker.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@code Upstash-Redact-Fields} hides in API responses and logs ({@code body},
 * {@code header} or {@code headers} for all headers, {@code header[Name]} or
 * {@code headers[Name]} for one): values are shown as {@code REDACTED:<hex sha256>}.
 * Deliveries always carry the real values.
 *
 * @param body whether the body is hidden
 * @param allHeaders whether every header is hidden
 * @param headerNames lower-case names of hidden headers
 */
record Redaction(boolean body, boolean allHeaders, List<String> headerNames) {

    /**
     * Reads a {@code Upstash-Redact-Fields} value.
     * @param spec the value, or {@code null}
     * @return what to hide
     */
    static Redaction of(@Nullable String spec) {
        boolean body = false;
        boolean all = false;
        List<String> names = new ArrayList<>();
        if (spec != null) {
            for (String part : spec.split(",")) {
                String field = part.trim();
                String lower = field.toLowerCase(Locale.ROOT);
                if (lower.equals("body")) {
                    body = true;
                }
                else if (lower.equals("header") || lower.equals("headers")) {
                    all = true;
                }
                else if ((lower.startsWith("header[") || lower.startsWith("headers[")) && lower.endsWith("]")) {
                    names.add(field.substring(field.indexOf('[') + 1, field.length() - 1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return new Redaction(body, all, names);
    }

    /**
     * Hides the redacted header values.
     * @param headers the headers
     * @return the headers to show
     */
    Map<String, List<String>> headers(Map<String, List<String>> headers) {
        if (!this.allHeaders && this.headerNames.isEmpty()) {
            return headers;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            boolean hide = this.allHeaders || this.headerNames.contains(name.toLowerCase(Locale.ROOT));
            result.put(name,
                    hide ? values.stream().map((value) -> redacted(value.getBytes(StandardCharsets.UTF_8))).toList()
                            : values);
        });
        return result;
    }

    /**
     * The shown form of a redacted value.
     * @param value the real value
     * @return {@code REDACTED:<hex sha256>}
     */
    static String redacted(byte[] value) {
        try {
            return "REDACTED:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
