package io.github.qstashspring.schedule;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * The schedule ids of one application: {@code <prefix>.<name>}. The prefix never contains
 * a {@code .}, so the ids of two applications with different prefixes never share the
 * {@code <prefix>.} start that marks a schedule as created by this application.
 */
final class ScheduleIds {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private static final Pattern NOT_IN_PREFIX = Pattern.compile("[^A-Za-z0-9_-]+");

    private static final Pattern NOT_IN_NAME = Pattern.compile("[^A-Za-z0-9_.-]+");

    private final String prefix;

    private ScheduleIds(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The ids of an application.
     * @param idPrefix {@code qstash.schedule.id-prefix}, used as is when set
     * @param applicationName {@code spring.application.name}, used with every character
     * other than letters, digits, {@code -} and {@code _} replaced by {@code -} otherwise
     * @return the ids
     * @throws IllegalStateException naming both properties when neither is usable
     */
    static ScheduleIds of(@Nullable String idPrefix, @Nullable String applicationName) {
        if (StringUtils.hasText(idPrefix)) {
            if (!PREFIX.matcher(idPrefix).matches()) {
                throw new IllegalStateException(
                        "qstash.schedule.id-prefix '" + idPrefix + "' may only contain letters, digits, '-' and '_'");
            }
            return new ScheduleIds(idPrefix);
        }
        if (StringUtils.hasText(applicationName)) {
            String sanitized = NOT_IN_PREFIX.matcher(applicationName.trim()).replaceAll("-");
            return new ScheduleIds(sanitized);
        }
        throw new IllegalStateException("@QStashSchedule needs a prefix for the ids of this application's schedules, "
                + "so that it recognises the schedules it created: set spring.application.name or "
                + "qstash.schedule.id-prefix");
    }

    /**
     * The id of a schedule.
     * @param name the explicit name, validated
     * @param origin what declared it, for the error message
     * @return {@code <prefix>.<name>}
     */
    String explicit(String name, String origin) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException("@QStashSchedule id '" + name + "' on " + origin
                    + " may only contain letters, digits, '-', '_' and '.'");
        }
        return this.prefix + "." + name;
    }

    /**
     * The id of a schedule named after its listener.
     * @param listenerId the listener id; characters QStash does not allow become
     * {@code -}
     * @return {@code <prefix>.<listener id>}
     */
    String derived(String listenerId) {
        return this.prefix + "." + NOT_IN_NAME.matcher(listenerId).replaceAll("-");
    }

    /**
     * Whether this application created the schedule with this id.
     * @param scheduleId an id QStash listed
     * @return whether it starts with {@code <prefix>.}
     */
    boolean isOwn(String scheduleId) {
        return scheduleId.startsWith(this.prefix + ".");
    }

    String prefix() {
        return this.prefix;
    }

}
