package io.github.qstashspring.broker.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The headers of a publish request (or of one batch entry, or stored with a schedule),
 * looked up case-insensitively, in arrival order. Only what HTTP can carry is added: a
 * name is a token (RFC 9110 {@code tchar}), a value has no control character but tab, so
 * that no header given in a query parameter or a batch entry's JSON can split a forwarded
 * request.
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
     * Headers from a JSON object of names to a value or an array of values (a batch
     * entry's {@code headers}, a waiter's {@code timeoutHeaders}); {@code null} values
     * are skipped.
     * @param json the object, or {@code null}
     * @return the headers (none unless {@code json} is an object)
     * @throws BrokerException 400 for a name or value HTTP cannot carry
     */
    public static RequestHeaders fromJson(@Nullable JsonNode json) {
        RequestHeaders result = new RequestHeaders();
        if (json != null && json.isObject()) {
            for (Map.Entry<String, JsonNode> header : json.properties()) {
                if (header.getValue().isArray()) {
                    header.getValue().forEach((value) -> result.add(header.getKey(), value.asString()));
                }
                else if (!header.getValue().isNull()) {
                    result.add(header.getKey(), header.getValue().asString());
                }
            }
        }
        return result;
    }

    private static final String TCHAR = "!#$%&'*+-.^_`|~";

    /**
     * Adds a value.
     * @param name the header name (any case)
     * @param value the value
     * @return this
     * @throws BrokerException 400 when the name is not an HTTP token or the value holds a
     * control character (CR, LF, ...)
     */
    public RequestHeaders add(String name, String value) {
        check(name, value);
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

    private static void check(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(RequestHeaders::isTokenChar)) {
            throw BrokerException.badRequest("invalid header name " + printable(name) + ": not an HTTP token");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw BrokerException.badRequest(
                        "invalid value of header " + name + ": control characters such as CR and LF are not allowed");
            }
        }
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TCHAR.indexOf(c) >= 0;
    }

    private static String printable(String name) {
        return '"' + name.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

}
