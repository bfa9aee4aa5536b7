package io.github.qstashspring.listener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Logs rejected requests (bad signatures, bodies too large) without letting a sender
 * flood or forge the log: values a sender controls are sanitised (control characters
 * escaped, length capped), and at most one {@code WARN} line is written per interval,
 * counting the rejections since the previous one; each rejection's details are at
 * {@code DEBUG}. Used for the rejections of listeners, {@code @QStashVerified} handlers
 * and {@code @QStashWorkflow} endpoints.
 */
public final class RejectionLog {

    /** The longest sanitised value kept in a log line. */
    static final int MAX_VALUE_LENGTH = 200;

    private final Log logger;

    private final Clock clock;

    private final Duration interval;

    private @Nullable Instant lastWarning;

    private long sinceLastWarning;

    /**
     * Creates a log that writes at most one {@code WARN} line per interval.
     * @param logger where the lines go
     * @param interval the shortest time between two {@code WARN} lines
     */
    public RejectionLog(Log logger, Duration interval) {
        this(logger, Clock.systemUTC(), interval);
    }

    RejectionLog(Log logger, Clock clock, Duration interval) {
        this.logger = logger;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * Records a rejection.
     * @param where what was addressed (a listener id, a path)
     * @param detail why it was rejected; may hold what the sender sent
     */
    public synchronized void reject(String where, String detail) {
        String line = "Rejected request to " + sanitize(where) + ": " + sanitize(detail);
        Instant now = this.clock.instant();
        if (this.lastWarning == null || !now.isBefore(this.lastWarning.plus(this.interval))) {
            String others = (this.sinceLastWarning > 0)
                    ? " (and " + this.sinceLastWarning + " more since the last warning; each at DEBUG)" : "";
            this.logger.warn(line + others);
            this.lastWarning = now;
            this.sinceLastWarning = 0;
        }
        else {
            this.sinceLastWarning++;
            if (this.logger.isDebugEnabled()) {
                this.logger.debug(line);
            }
        }
    }

    /**
     * A value fit for a log line: control characters (CR, LF, ESC...) written as
     * {@code \\uXXXX} and the length capped at {@link #MAX_VALUE_LENGTH}.
     * @param value what a sender may control
     * @return the sanitised value
     */
    public static String sanitize(String value) {
        StringBuilder sanitized = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH) + 16);
        for (int i = 0; i < value.length() && sanitized.length() < MAX_VALUE_LENGTH; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                sanitized.append(String.format("\\u%04x", (int) c));
            }
            else {
                sanitized.append(c);
            }
        }
        if (sanitized.length() >= MAX_VALUE_LENGTH && value.length() > MAX_VALUE_LENGTH) {
            sanitized.append("...");
        }
        return sanitized.toString();
    }

}
