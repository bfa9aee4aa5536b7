package io.github.qstashspring.workflow;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations in the notations of the workflow protocol. */
final class Durations {

    private Durations() {
    }

    /**
     * A duration as QStash's duration string in its largest whole unit: {@code 7d},
     * {@code 2h}, {@code 30m} or {@code 45s} (rounded to whole seconds, at least 1).
     */
    static String text(Duration duration) {
        long seconds = Math.max(1, Math.round(duration.toMillis() / 1000.0));
        if (seconds % 86400 == 0) {
            return (seconds / 86400) + "d";
        }
        if (seconds % 3600 == 0) {
            return (seconds / 3600) + "h";
        }
        if (seconds % 60 == 0) {
            return (seconds / 60) + "m";
        }
        return seconds + "s";
    }

    /** A duration as a number of seconds, with a fraction when it is not whole. */
    static Number seconds(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds();
        }
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros();
    }

    /**
     * A duration as QStash's {@code Upstash-Delay} value: rounded seconds with {@code s}.
     */
    static String delayHeader(Duration duration) {
        return Math.round(duration.toMillis() / 1000.0) + "s";
    }

    /**
     * Rejects a negative duration.
     * @return the duration
     */
    static Duration requireNotNegative(Duration duration, String what) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + duration);
        }
        return duration;
    }

}
