package io.github.qstashspring.broker.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The raw (undecoded, unnormalised) request path, split into segments at {@code /}, with
 * the remainder after the n-th segment available verbatim (so {@code https://a//b}
 * survives).
 */
final class RawPath {

    private final String path;

    private final String[] segments;

    private final int[] starts;

    RawPath(String path) {
        this.path = path;
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        this.segments = trimmed.split("/", -1);
        this.starts = new int[this.segments.length];
        int position = path.startsWith("/") ? 1 : 0;
        for (int i = 0; i < this.segments.length; i++) {
            this.starts[i] = position;
            position += this.segments[i].length() + 1;
        }
    }

    /** The number of segments; a trailing {@code /} does not count. */
    int size() {
        int size = this.segments.length;
        return (size > 0 && this.segments[size - 1].isEmpty()) ? size - 1 : size;
    }

    boolean segmentIs(int index, String name) {
        return index < this.segments.length && this.segments[index].equalsIgnoreCase(name);
    }

    String lower(int index) {
        return this.segments[index].toLowerCase(Locale.ROOT);
    }

    String decoded(int index) {
        return URLDecoder.decode(this.segments[index].replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Everything after the first {@code index} segments and their slash, verbatim. */
    String remainderAfter(int index) {
        return (index < this.starts.length) ? this.path.substring(this.starts[index]) : "";
    }

}
