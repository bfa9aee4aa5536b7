package io.github.qstashspring.broker.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The headers of a publish request (or of one batch entry), looked up case-insensitively,
 * in arrival order.
 */
public final class RequestHeaders {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /**
     * Adds a value.
     * @param name the header name (any case)
     * @param value the value
     * @return this
     */
    public RequestHeaders add(String name, String value) {
        this.values.computeIfAbsent(HeaderNames.lower(name), (key) -> new ArrayList<>()).add(value);
        return this;
    }

    /**
     * Adds a value unless the header already has one (used for query-parameter
     * configuration, which headers override).
     * @param name the header name (any case)
     * @param value the value
     */
    public void addIfAbsent(String name, String value) {
        if (!this.values.containsKey(HeaderNames.lower(name))) {
            add(name, value);
        }
    }

    /**
     * The first value of a header.
     * @param name the header name (any case)
     * @return the trimmed value, or {@code null} when absent or blank
     */
    public @Nullable String first(String name) {
        List<String> list = this.values.get(HeaderNames.lower(name));
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
        return this.values.getOrDefault(HeaderNames.lower(name), List.of());
    }

    /**
     * @return the lower-case names present
     */
    public Set<String> names() {
        return this.values.keySet();
    }

}
