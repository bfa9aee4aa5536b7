package io.github.qstashspring.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.qstashspring.client.Schedule;
import io.github.qstashspring.client.ScheduleRequest;

/**
 * The schedule QStash should hold for one {@link QStashSchedule} method.
 *
 * @param id the schedule id
 * @param destination the public URL of the listener
 * @param listener the method it was declared on
 */
record DesiredSchedule(String id, String destination, ScheduledListener listener) {

    /** QStash's number of retries when {@code Upstash-Retries} is not sent. */
    private static final int DEFAULT_RETRIES = 3;

    /**
     * The attributes in which the schedule QStash holds differs from this one. Only what
     * {@link QStashSchedule} controls is compared: destination, cron, body, content type
     * (when QStash reports one), retries, queue and method. A schedule paused in the
     * console stays paused as long as nothing else changes.
     * @param actual what QStash listed
     * @return the names of the differing attributes, empty when it is up to date
     */
    List<String> differences(Schedule actual) {
        List<String> differences = new ArrayList<>();
        if (!this.destination.equals(actual.destination())) {
            differences.add("destination");
        }
        if (!this.listener.cron().equals(normalizeSpaces(actual.cron()))) {
            differences.add("cron");
        }
        if (!Objects.equals(this.listener.body(), emptyToNull(actual.body())) || actual.bodyBase64() != null) {
            differences.add("body");
        }
        String actualContentType = contentType(actual.header());
        if (this.listener.body() != null && actualContentType != null
                && !this.listener.contentType().equalsIgnoreCase(actualContentType)) {
            differences.add("contentType");
        }
        int retries = (this.listener.retries() != null) ? this.listener.retries() : DEFAULT_RETRIES;
        if (actual.retries() != null && actual.retries() != retries) {
            differences.add("retries");
        }
        if (!Objects.equals(this.listener.queue(), emptyToNull(actual.queueName()))) {
            differences.add("queue");
        }
        if (actual.method() != null && !"POST".equalsIgnoreCase(actual.method())) {
            differences.add("method");
        }
        return differences;
    }

    /**
     * The request that creates or overwrites this schedule.
     * @return {@code POST /v2/schedules/<destination>} with {@code Upstash-Schedule-Id}
     */
    ScheduleRequest toRequest() {
        ScheduleRequest request = ScheduleRequest.to(this.destination).cron(this.listener.cron()).scheduleId(this.id);
        if (this.listener.body() != null) {
            request.body(this.listener.body()).contentType(this.listener.contentType());
        }
        if (this.listener.retries() != null) {
            request.retries(this.listener.retries());
        }
        if (this.listener.queue() != null) {
            request.queue(this.listener.queue());
        }
        return request;
    }

    private static @Nullable String contentType(@Nullable Map<String, List<String>> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("Content-Type".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    private static String normalizeSpaces(@Nullable String cron) {
        return (cron != null) ? String.join(" ", cron.trim().split("\\s+")) : "";
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return (value == null || value.isEmpty()) ? null : value;
    }
}
