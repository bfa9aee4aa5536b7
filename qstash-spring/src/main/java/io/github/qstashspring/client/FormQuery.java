package io.github.qstashspring.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * A query string encoded as the official JavaScript SDKs encode theirs
 * ({@code URLSearchParams}: {@code application/x-www-form-urlencoded}, which
 * {@link URLEncoder} implements), parameters in the order they were added, an array as
 * the parameter repeated.
 */
final class FormQuery {

    private final List<String[]> pairs = new ArrayList<>();

    FormQuery add(String name, @Nullable Object value) {
        if (value != null) {
            this.pairs.add(new String[] { name, value.toString() });
        }
        return this;
    }

    FormQuery addAll(Map<String, List<String>> parameters) {
        parameters.forEach((name, values) -> values.forEach((value) -> add(name, value)));
        return this;
    }

    /** The encoded query, without {@code ?}; empty when there are no parameters. */
    @Override
    public String toString() {
        StringJoiner query = new StringJoiner("&");
        for (String[] pair : this.pairs) {
            query.add(encode(pair[0]) + "=" + encode(pair[1]));
        }
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Filter parameters in the order they were set; a value set again is added. */
    static final class Parameters {

        private final Map<String, List<String>> values = new LinkedHashMap<>();

        void add(String name, String... values) {
            for (String value : values) {
                this.values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
            }
        }

        boolean isEmpty() {
            return this.values.isEmpty();
        }

        Map<String, List<String>> asMap() {
            return this.values;
        }

    }

}
