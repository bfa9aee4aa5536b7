/**
 * Schedules: {@code /v2/schedules}, cron parsing and the ticker that fires each tick on
 * time by publishing the schedule's stored request.
 */
@NullMarked
package io.github.qstashspring.broker.schedule;

import org.jspecify.annotations.NullMarked;
