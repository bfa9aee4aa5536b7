package io.github.qstashspring.broker.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The headers of a publish request (or of one batch entry, or stored with a schedule),
 * looked up case-insensitively, in arrival order.
 */
public final class RequestHeaders {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /**
     * Headers from a map of names to values.
     * @param headers the headers
     * @return the headers
     */
    public static RequestHeaders of(Map<String, List<String>> headers) {
        RequestHeaders result = new RequestHeaders();
        headers.forEach((name, values) -> values.forEach((value) -> result.add(name, value)));
        return result;
    }

    /**
     * Adds a value.
     * @param name the header name (any case)
     * @param value the value
     * @return this
     */
    public RequestHeaders add(String name, String value) {
        this.values.computeIfAbsent(lower(name), (key) -> new ArrayList<>()).add(value);
        return this;
    }

    void addIfAbsent(String name, String value) {
        if (!this.values.containsKey(lower(name))) {
            add(name, value);
        }
    }

    /**
     * The first value of a header.
     * @param name the header name (any case)
     * @return the trimmed value, or {@code null} when absent or blank
     */
    public @Nullable String first(String name) {
        List<String> list = this.values.get(lower(name));
        if (list == null || list.isEmpty() || list.get(0).isBlank()) {
            return null;
        }
        return list.get(0).trim();
    }

    /**
     * All values of a header.
     * @param name the header name (any case)
     * @return the values, empty when absent
     */
    public List<String> all(String name) {
        return this.values.getOrDefault(lower(name), List.of());
    }

    /**
     * @return the lower-case names present
     */
    public Set<String> names() {
        return this.values.keySet();
    }

    /**
     * The Go canonical form QStash stores header names in: {@code test-header} becomes
     * {@code Test-Header}.
     * @param name a header name
     * @return its canonical form
     */
    public static String canonical(String name) {
        StringBuilder result = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            result.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = (c == '-');
        }
        return result.toString();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

}
