package io.github.qstashspring.broker.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What {@code Upstash-Redact-Fields} hides in API responses and logs ({@code body},
 * {@code header} or {@code headers} for all headers, {@code header[Name]} or
 * {@code headers[Name]} for one); {@link Redactor} shows the hidden values. Deliveries
 * always carry the real values.
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
     * @return whether any header is hidden
     */
    boolean hidesHeaders() {
        return this.allHeaders || !this.headerNames.isEmpty();
    }

    /**
     * @param name a header name
     * @return whether its value is hidden
     */
    boolean hides(String name) {
        return this.allHeaders || this.headerNames.contains(name.toLowerCase(Locale.ROOT));
    }

}
