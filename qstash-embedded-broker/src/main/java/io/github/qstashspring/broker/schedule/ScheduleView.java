package io.github.qstashspring.broker.schedule;

import java.util.Map;

import io.github.qstashspring.broker.message.PublishOptions;
import io.github.qstashspring.broker.store.StoredSchedule;

/**
 * A schedule as the API shows it.
 *
 * @param schedule the stored schedule
 * @param options the publish options every tick applies
 * @param lastScheduleStates the messages of the last tick and their state
 * ({@code IN_PROGRESS}, {@code SUCCESS} or {@code FAIL})
 * @param retries the retries of each tick's messages (the broker's default when the
 * schedule sets none)
 */
public record ScheduleView(StoredSchedule schedule, PublishOptions options, Map<String, String> lastScheduleStates,
        int retries) {
}
