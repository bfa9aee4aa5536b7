/**
 * Schedules: cron triggers (5 fields, UTC or a {@code CRON_TZ=} zone) that publish a
 * stored request on every tick, each tick fired once among all brokers sharing the
 * database.
 */
@NullMarked
package io.github.qstashspring.broker.schedule;

import org.jspecify.annotations.NullMarked;
