package io.github.qstashspring.broker.delivery;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * When the next attempt of a failed message happens, in QStash's order: a server-directed
 * delay ({@code Retry-After}, {@code X-RateLimit-Reset},
 * {@code X-RateLimit-Reset-Requests}, {@code X-RateLimit-Reset-Tokens}; seconds, an RFC
 * 1123 date or a Go duration; ignored beyond one day), else the message's
 * {@code Upstash-Retry-Delay} expression, else the default backoff
 * {@code min(86400, e^(2.5 k))} seconds before the k-th retry.
 */
final class RetryPolicy {

    static final long ONE_DAY_MS = Duration.ofDays(1).toMillis();

    private static final List<String> SERVER_HEADERS = List.of("Retry-After", "X-Ratelimit-Reset",
            "X-Ratelimit-Reset-Requests", "X-Ratelimit-Reset-Tokens");

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private RetryPolicy() {
    }

    /**
     * The delay before the next retry.
     * @param retried retries already done (0 when computing the first retry)
     * @param expression the message's retry delay expression, or {@code null}
     * @param result the failed attempt
     * @param now epoch milliseconds (for date-valued headers)
     * @return the delay in milliseconds
     */
    static long delayMillis(int retried, @Nullable String expression, AttemptResult result, long now) {
        Long serverDelay = serverDelay(result, now);
        if (serverDelay != null) {
            return serverDelay;
        }
        if (expression != null) {
            return Math.min(RetryDelayExpression.parse(expression).delayMillis(retried), ONE_DAY_MS);
        }
        return backoffMillis(retried + 1);
    }

    /**
     * QStash's default backoff.
     * @param k the retry number, from 1
     * @return {@code min(86400, e^(2.5 k))} seconds in milliseconds
     */
    static long backoffMillis(int k) {
        return (long) (Math.min(86400, Math.exp(2.5 * k)) * 1000);
    }

    private static @Nullable Long serverDelay(AttemptResult result, long now) {
        for (String name : SERVER_HEADERS) {
            List<String> values = result.headers().get(name);
            if (values != null && !values.isEmpty()) {
                Long delay = parse(values.get(0).trim(), now);
                if (delay != null && delay >= 0 && delay <= ONE_DAY_MS) {
                    return delay;
                }
            }
        }
        return null;
    }

    private static @Nullable Long parse(String value, long now) {
        if (value.matches("\\d+")) {
            try {
                return Long.parseLong(value) * 1000;
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }
        Matcher matcher = GO_DURATION_PART.matcher(value);
        double total = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            total += Double.parseDouble(matcher.group(1)) * unitMillis(matcher.group(2));
            end = matcher.end();
        }
        if (end > 0 && end == value.length()) {
            return (long) total;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli() - now;
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    private static double unitMillis(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns" -> 1e-6;
            case "us", "µs" -> 1e-3;
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
    }

}
