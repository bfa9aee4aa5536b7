package io.github.qstashspring.schedule;

import java.util.List;

import io.github.qstashspring.client.Schedule;

/**
 * A {@link QStashSchedule} declaration as the {@link QStashScheduleSynchronizer} resolved
 * it at startup: for tools that describe an application (the actuator's {@code qstash}
 * endpoint) and compare it with what QStash holds.
 */
public final class QStashScheduleInfo {

    private final DesiredSchedule schedule;

    QStashScheduleInfo(DesiredSchedule schedule) {
        this.schedule = schedule;
    }

    /**
     * The schedule id, {@code <prefix>.<name>}.
     * @return the id
     */
    public String getId() {
        return this.schedule.id();
    }

    /**
     * The cron expression, normalised.
     * @return the cron expression
     */
    public String getCron() {
        return this.schedule.listener().cron();
    }

    /**
     * The URL QStash calls: the listener's public URL.
     * @return the destination
     */
    public String getDestination() {
        return this.schedule.destination();
    }

    /**
     * The id of the listener the schedule calls.
     * @return the listener id
     */
    public String getListenerId() {
        return this.schedule.listener().listenerId();
    }

    /**
     * The method that declares the schedule, {@code ClassName.methodName}.
     * @return the declaring method
     */
    public String getOrigin() {
        return this.schedule.listener().origin();
    }

    /**
     * The attributes {@link QStashSchedule} controls in which a schedule QStash holds
     * differs from this declaration (the same comparison as at startup).
     * @param actual the schedule QStash holds under {@link #getId()}
     * @return the names of the differing attributes, empty when it is up to date
     */
    public List<String> differences(Schedule actual) {
        return this.schedule.differences(actual);
    }

}
