package io.github.qstashspring.schedule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes QStash call a {@link io.github.qstashspring.listener.QStashListener} method on a
 * cron. At startup the application upserts a QStash schedule
 * ({@code POST /v2/schedules/<url>} with {@code Upstash-Cron} and
 * {@code Upstash-Schedule-Id}) whose destination is its own public listener URL:
 * {@code qstash.listener.base-url} + servlet context path + listener path (the base URL
 * comes from the {@link io.github.qstashspring.listener.QStashListenerBaseUrlResolver}
 * bean; with the in-app embedded broker and no {@code base-url}, the application's own
 * local server). The schedule id is {@code <prefix>.<name>}: the prefix is
 * {@code qstash.schedule.id-prefix} or {@code spring.application.name}, the name is
 * {@link #id()} or the listener id. A restart sends the same id, so QStash overwrites
 * instead of duplicating, and nothing is sent when the schedule QStash holds already
 * matches.
 *
 * <pre>{@code
 * &#64;QStashListener(path = "/qstash/reports")
 *

&#64;QStashSchedule(cron = "CRON_TZ=Europe/Berlin 0 6 * * *", body = "{\"kind\":\"daily\"}")
 * void dailyReport(ReportRequest request) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QStashSchedule {

    /**
     * The cron expression QStash triggers on ({@code Upstash-Cron}): 5 fields (minute,
     * hour, day of month, month, day of week), in UTC unless prefixed with
     * {@code CRON_TZ=<zone> }. {@code ${...}} placeholders are resolved. Checked at
     * startup; an invalid expression fails the start naming the method.
     * @return the cron expression, e.g. {@code "0 6 * * *"}
     */
    String cron();

    /**
     * The name part of the schedule id ({@code <prefix>.<id>}): letters, digits,
     * {@code -}, {@code _} and {@code .}. Defaults to the listener id
     * ({@code SimpleClassName.methodName} unless the listener sets one). Set it to keep
     * the schedule when renaming the method. {@code ${...}} placeholders are resolved.
     * @return the name, or empty for the listener id
     */
    String id() default "";

    /**
     * The body QStash sends with every trigger. {@code ${...}} placeholders are resolved.
     * @return the body, or empty for none
     */
    String body() default "";

    /**
     * The {@code Content-Type} of the body sent with every trigger.
     * @return the content type
     */
    String contentType() default "application/json";

    /**
     * How often QStash retries a failed trigger ({@code Upstash-Retries}); negative for
     * QStash's default (3).
     * @return the number of retries
     */
    int retries() default -1;

    /**
     * A queue each trigger is enqueued into ({@code Upstash-Queue-Name}), for example to
     * limit parallelism. {@code ${...}} placeholders are resolved.
     * @return the queue name, or empty for direct delivery
     */
    String queue() default "";

}
