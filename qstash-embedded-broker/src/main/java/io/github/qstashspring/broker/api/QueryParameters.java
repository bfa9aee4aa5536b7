package io.github.qstashspring.broker.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The query string of a request, parsed by hand from the raw query (never through
 * {@code getParameter}, which would consume form bodies). Keeps the raw pairs so that a
 * destination's own query string can be rebuilt without QStash's parameters.
 */
final class QueryParameters {

    private final List<String[]> raw = new ArrayList<>();

    private final List<String[]> decoded = new ArrayList<>();

    QueryParameters(@Nullable String query) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq >= 0) ? pair.substring(0, eq) : pair;
            String value = (eq >= 0) ? pair.substring(eq + 1) : "";
            this.raw.add(new String[] { name, pair });
            this.decoded.add(new String[] { decode(name), decode(value) });
        }
    }

    /** The first value of a parameter, or {@code null}. */
    @Nullable String first(String name) {
        for (String[] pair : this.decoded) {
            if (pair[0].equals(name)) {
                return pair[1];
            }
        }
        return null;
    }

    /** All values of a parameter, repeated or comma-joined, blanks dropped. */
    List<String> all(String... names) {
        List<String> values = new ArrayList<>();
        for (String[] pair : this.decoded) {
            for (String name : names) {
                if (pair[0].equals(name)) {
                    for (String value : pair[1].split(",")) {
                        if (!value.isBlank()) {
                            values.add(value.trim());
                        }
                    }
                }
            }
        }
        return values;
    }

    /** An integer parameter, or {@code null}. */
    @Nullable Integer integer(String name) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw BrokerException.badRequest("invalid " + name + ": " + value);
        }
    }

    /** A long parameter, or {@code null}. */
    @Nullable Long longValue(String name) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            throw BrokerException.badRequest("invalid " + name + ": " + value);
        }
    }

    /**
     * The decoded (name, value) pairs of the QStash configuration parameters
     * ({@code upstash-*}).
     */
    List<String[]> configuration() {
        return this.decoded.stream().filter((pair) -> isQStashParameter(pair[0])).toList();
    }

    /**
     * The raw query string without {@code qstash_token} and {@code upstash-*} parameters.
     */
    String destinationQuery() {
        List<String> kept = new ArrayList<>();
        for (String[] pair : this.raw) {
            if (!isQStashParameter(decode(pair[0]))) {
                kept.add(pair[1]);
            }
        }
        return String.join("&", kept);
    }

    private static boolean isQStashParameter(String name) {
        return name.equals("qstash_token") || name.startsWith("upstash-");
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return value;
        }
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

}
