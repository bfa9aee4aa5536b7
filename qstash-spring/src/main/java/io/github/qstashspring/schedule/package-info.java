/**
 * Annotated schedules: {@link io.github.qstashspring.schedule.QStashSchedule} on a
 * {@link io.github.qstashspring.listener.QStashListener} method makes QStash call that
 * listener on a cron. At startup the
 * {@link io.github.qstashspring.schedule.QStashScheduleSynchronizer} creates or updates
 * one QStash schedule per annotated method under a deterministic id and removes the
 * schedules it created earlier for methods that no longer exist.
 */
@NullMarked
package io.github.qstashspring.schedule;

import org.jspecify.annotations.NullMarked;
