package io.github.qstashspring.broker.message;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.qstashspring.broker.api.BrokerException;

/**
 * Parses QStash duration strings such as {@code 10s}, {@code 1.5s}, {@code 3m},
 * {@code 1d10h30m} (units {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}). A bare
 * number means seconds.
 */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Durations() {
    }

    /**
     * Parses a duration into milliseconds.
     * @param value the text, e.g. {@code 1d10h30m}
     * @param name the header the value came from, for the error text
     * @return milliseconds
     * @throws BrokerException (400) when the text is not a duration
     */
    static long toMillis(String value, String name) {
        String text = value.trim();
        if (NUMBER.matcher(text).matches()) {
            return Math.round(Double.parseDouble(text) * 1000);
        }
        Matcher matcher = PART.matcher(text);
        long total = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            total += Math.round(amount * unitMillis(matcher.group(2)));
            end = matcher.end();
        }
        if (end == 0 || end != text.length()) {
            throw BrokerException.badRequest("invalid " + name + ": " + value);
        }
        return total;
    }

    /**
     * Writes a duration in its largest whole unit, as QStash's strings do.
     * @param millis milliseconds
     * @return the text, e.g. {@code 365d}, {@code 15m} or {@code 1500ms}
     */
    static String format(long millis) {
        for (String unit : new String[] { "d", "h", "m", "s" }) {
            long size = unitMillis(unit);
            if (millis % size == 0) {
                return (millis / size) + unit;
            }
        }
        return millis + "ms";
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
    }

}
