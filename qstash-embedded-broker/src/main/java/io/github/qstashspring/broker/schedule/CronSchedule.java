package io.github.qstashspring.broker.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import io.github.qstashspring.broker.api.BrokerException;
import org.springframework.scheduling.support.CronExpression;

/**
 * A QStash cron expression: five fields (minute, hour, day of month, month, day of week
 * with Sunday = 0), evaluated in UTC unless prefixed with {@code CRON_TZ=<IANA zone>}.
 * Built on Spring's {@link CronExpression} (so its month and day names and {@code L},
 * {@code W}, {@code #} and {@code @hourly}-style macros are accepted too).
 */
final class CronSchedule {

    private static final String ZONE_PREFIX = "CRON_TZ=";

    private final String text;

    private final CronExpression expression;

    private final ZoneId zone;

    private CronSchedule(String text, CronExpression expression, ZoneId zone) {
        this.text = text;
        this.expression = expression;
        this.zone = zone;
    }

    /**
     * Parses a cron expression.
     * @param cron the expression, optionally prefixed with {@code CRON_TZ=<zone> }
     * @return the schedule
     * @throws BrokerException (400) when the expression or zone is invalid
     */
    static CronSchedule parse(String cron) {
        String text = cron.trim().replaceAll("\\s+", " ");
        String fields = text;
        ZoneId zone = ZoneOffset.UTC;
        if (fields.startsWith(ZONE_PREFIX)) {
            int space = fields.indexOf(' ');
            if (space < 0) {
                throw BrokerException.badRequest("invalid cron: " + cron);
            }
            try {
                zone = ZoneId.of(fields.substring(ZONE_PREFIX.length(), space));
            }
            catch (DateTimeException ex) {
                throw BrokerException.badRequest("invalid cron: unknown time zone in " + cron);
            }
            fields = fields.substring(space + 1);
        }
        boolean macro = fields.startsWith("@");
        if (!macro && fields.split(" ").length != 5) {
            throw BrokerException
                .badRequest("invalid cron: " + cron + " (expected 5 fields: minute hour day month weekday)");
        }
        try {
            return new CronSchedule(text, CronExpression.parse(macro ? fields : "0 " + fields), zone);
        }
        catch (IllegalArgumentException ex) {
            throw BrokerException.badRequest("invalid cron: " + cron + " (" + ex.getMessage() + ")");
        }
    }

    /**
     * The first tick strictly after a time.
     * @param after epoch milliseconds
     * @return the next tick in epoch milliseconds, or {@link Long#MAX_VALUE} when there
     * is none
     */
    long next(long after) {
        ZonedDateTime next = this.expression.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(after), this.zone));
        return (next != null) ? next.toInstant().toEpochMilli() : Long.MAX_VALUE;
    }

    /**
     * @return the expression as stored and shown (trimmed)
     */
    String text() {
        return this.text;
    }

}
