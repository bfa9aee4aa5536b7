package io.github.qstashspring.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;

import org.springframework.scheduling.support.CronExpression;

/**
 * Checks a QStash cron expression: 5 fields, optionally prefixed with
 * {@code CRON_TZ=<zone>}, parsed with Spring's {@link CronExpression} (which wants a
 * leading seconds field, so {@code "0 "} is put in front).
 */
final class ScheduleCron {

    private static final String TIME_ZONE_PREFIX = "CRON_TZ=";

    private ScheduleCron() {
    }

    /**
     * Validates and normalises (trims, single spaces) an expression.
     * @param cron the expression as written
     * @return the normalised expression
     * @throws IllegalArgumentException with the reason when it is not valid
     */
    static String validate(String cron) {
        if (cron.isBlank()) {
            throw new IllegalArgumentException("the cron expression is empty");
        }
        String[] tokens = cron.trim().split("\\s+");
        int first = 0;
        if (tokens.length > 0 && tokens[0].startsWith(TIME_ZONE_PREFIX)) {
            String zone = tokens[0].substring(TIME_ZONE_PREFIX.length());
            try {
                ZoneId.of(zone);
            }
            catch (DateTimeException ex) {
                throw new IllegalArgumentException("unknown time zone '" + zone + "' in CRON_TZ", ex);
            }
            first = 1;
        }
        int fields = tokens.length - first;
        if (fields != 5) {
            throw new IllegalArgumentException("QStash expects 5 fields (minute hour day-of-month month day-of-week)"
                    + ", optionally prefixed with CRON_TZ=<zone>, but found " + fields);
        }
        String fiveFields = String.join(" ", Arrays.copyOfRange(tokens, first, tokens.length));
        try {
            CronExpression.parse("0 " + fiveFields);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
        return String.join(" ", tokens);
    }

}
