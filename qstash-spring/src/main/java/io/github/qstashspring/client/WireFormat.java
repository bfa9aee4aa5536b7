package io.github.qstashspring.client;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** How option values are written into QStash's {@code Upstash-*} headers. */
final class WireFormat {

    private static final String FORWARD_PREFIX = "Forward-";

    private WireFormat() {
    }

    /**
     * A duration as QStash's {@code <n>s} notation, as the JavaScript SDK sends it.
     * @throws IllegalArgumentException when negative or not a whole number of seconds
     */
    static String seconds(Duration duration, String option) {
        if (duration.isNegative() || duration.getNano() != 0) {
            throw new IllegalArgumentException(option + " must be a positive whole number of seconds, got " + duration);
        }
        return duration.getSeconds() + "s";
    }

    /**
     * Adds a user header under {@code headerPrefix + "Forward-"}, except names that
     * already start with {@code Upstash-}, which configure QStash and are passed through
     * unchanged.
     */
    static void forwardHeader(Map<String, String> target, String headerPrefix, String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (headerPrefix.equals("Upstash-") && lower.startsWith("upstash-")) {
            target.put(name, value);
        }
        else {
            target.put(headerPrefix + FORWARD_PREFIX + name, value);
        }
    }

}
