package io.github.qstashspring.schedule;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.StringUtils;

import io.github.qstashspring.client.QStashException;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.Schedule;
import io.github.qstashspring.listener.QStashListenerBaseUrlResolver;
import io.github.qstashspring.listener.QStashListenerRegistry;

/**
 * Brings the schedules QStash holds for this application in line with its
 * {@link QStashSchedule} methods, once, when the application context starts (after the
 * embedded web server, so the listeners already answer). One {@code GET /v2/schedules},
 * then for every annotated method a {@code POST /v2/schedules/<listener URL>} with its
 * deterministic {@code Upstash-Schedule-Id} when the schedule is missing or differs, and
 * a {@code DELETE /v2/schedules/<id>} for every schedule whose id carries this
 * application's prefix but that no method declares any more. Schedules without the prefix
 * are never touched. Each decision is logged at INFO (created, updated, unchanged,
 * removed). Any failure (invalid configuration, QStash error) fails the startup with a
 * message naming the method or property.
 * <p>
 * An application without {@link QStashSchedule} methods does not call QStash at all,
 * unless {@code qstash.schedule.id-prefix} is set: then its schedules left from earlier
 * versions are removed.
 */
public final class QStashScheduleSynchronizer implements SmartLifecycle {

    /** Starts after the web server ({@code SmartLifecycle.DEFAULT_PHASE - 2048}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Log logger = LogFactory.getLog(QStashScheduleSynchronizer.class);

    private final QStashScheduleAnnotationBeanPostProcessor annotations;

    private final Supplier<QStashOperations> operations;

    private final Supplier<QStashListenerRegistry> listeners;

    private final QStashListenerBaseUrlResolver baseUrl;

    private final Supplier<String> servletPrefix;

    private final @Nullable String idPrefix;

    private final @Nullable String applicationName;

    private volatile boolean running;

    private volatile List<QStashScheduleInfo> synchronizedSchedules = List.of();

    /**
     * Creates the synchronizer.
     * @param annotations the collected {@link QStashSchedule} methods
     * @param operations the QStash client, obtained only when there is something to
     * synchronise
     * @param listeners the registered listeners, to check that each schedule's path is
     * served
     * @param baseUrl the base URL QStash reaches this application on (by default
     * {@code qstash.listener.base-url}), asked once at startup
     * @param servletPrefix the servlet context path plus the {@code DispatcherServlet}
     * path (empty for the root), read at startup
     * @param idPrefix {@code qstash.schedule.id-prefix}, or {@code null}
     * @param applicationName {@code spring.application.name}, the prefix when
     * {@code idPrefix} is not set
     */
    public QStashScheduleSynchronizer(QStashScheduleAnnotationBeanPostProcessor annotations,
            Supplier<QStashOperations> operations, Supplier<QStashListenerRegistry> listeners,
            QStashListenerBaseUrlResolver baseUrl, Supplier<String> servletPrefix, @Nullable String idPrefix,
            @Nullable String applicationName) {
        this.annotations = annotations;
        this.operations = operations;
        this.listeners = listeners;
        this.baseUrl = baseUrl;
        this.servletPrefix = servletPrefix;
        this.idPrefix = idPrefix;
        this.applicationName = applicationName;
    }

    @Override
    public void start() {
        synchronize();
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * The schedules the last synchronisation declared to QStash.
     * @return the declarations, in the order their beans were created; empty before the
     * first synchronisation
     */
    public List<QStashScheduleInfo> getSchedules() {
        return this.synchronizedSchedules;
    }

    /**
     * Runs the synchronisation now; {@link #start()} calls it once at startup.
     * @throws IllegalStateException when the configuration is incomplete or QStash
     * refused a call
     */
    public void synchronize() {
        List<ScheduledListener> scheduled = this.annotations.scheduledListeners();
        if (scheduled.isEmpty() && !StringUtils.hasText(this.idPrefix)) {
            logger.debug("No @QStashSchedule methods and no qstash.schedule.id-prefix: QStash schedules left alone");
            return;
        }
        ScheduleIds ids = ScheduleIds.of(this.idPrefix, this.applicationName);
        List<DesiredSchedule> desired = desired(scheduled, ids);
        QStashOperations qstash = this.operations.get();
        try {
            reconcile(qstash, ids, desired);
            this.synchronizedSchedules = desired.stream().map(QStashScheduleInfo::new).toList();
        }
        catch (QStashException ex) {
            throw new IllegalStateException("Could not synchronise the @QStashSchedule schedules (prefix '"
                    + ids.prefix() + ".') with QStash: " + ex.getMessage(), ex);
        }
    }

    private List<DesiredSchedule> desired(List<ScheduledListener> scheduled, ScheduleIds ids) {
        if (scheduled.isEmpty()) {
            return List.of();
        }
        String listenerBase = listenerBaseUrl(scheduled.get(0));
        Set<String> served = Set.copyOf(this.listeners.get().getListenerPaths());
        Map<String, DesiredSchedule> byId = new HashMap<>();
        List<DesiredSchedule> desired = new ArrayList<>();
        for (ScheduledListener listener : scheduled) {
            if (!served.contains(listener.listenerPath())) {
                throw new IllegalStateException(
                        "@QStashSchedule on " + listener.origin() + " targets the listener path "
                                + listener.listenerPath() + ", which is not exposed (is qstash.listener.enabled=false? "
                                + "then set qstash.schedule.enabled=false as well)");
            }
            String id = (listener.name() != null) ? ids.explicit(listener.name(), listener.origin())
                    : ids.derived(listener.listenerId());
            DesiredSchedule schedule = new DesiredSchedule(id, listenerBase + listener.listenerPath(), listener);
            DesiredSchedule clash = byId.putIfAbsent(id, schedule);
            if (clash != null) {
                throw new IllegalStateException(
                        "@QStashSchedule on " + listener.origin() + " and on " + clash.listener().origin()
                                + " both have the schedule id '" + id + "'; give one of them a distinct id");
            }
            desired.add(schedule);
        }
        return desired;
    }

    private String listenerBaseUrl(ScheduledListener first) {
        String resolved = this.baseUrl.resolveBaseUrl();
        if (!StringUtils.hasText(resolved)) {
            throw new IllegalStateException("@QStashSchedule on " + first.origin()
                    + " needs the public URL QStash reaches this application on: set qstash.listener.base-url "
                    + "(for example https://my-app.example.com)");
        }
        String base = resolved.trim();
        URI uri;
        try {
            uri = URI.create(base);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("qstash.listener.base-url '" + base + "' is not a valid URL", ex);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalStateException("qstash.listener.base-url '" + base
                    + "' must be an absolute http:// or https:// URL, for example https://my-app.example.com");
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + this.servletPrefix.get();
    }

    private void reconcile(QStashOperations qstash, ScheduleIds ids, List<DesiredSchedule> desired) {
        Map<String, Schedule> own = new HashMap<>();
        for (Schedule schedule : qstash.schedules().list()) {
            if (schedule.scheduleId() != null && ids.isOwn(schedule.scheduleId())) {
                own.put(schedule.scheduleId(), schedule);
            }
        }
        for (DesiredSchedule schedule : desired) {
            Schedule actual = own.remove(schedule.id());
            if (actual == null) {
                qstash.schedules().create(schedule.toRequest());
                logger.info("Created QStash schedule '" + schedule.id() + "' (cron '" + schedule.listener().cron()
                        + "' to " + schedule.destination() + ") for " + schedule.listener().origin());
                continue;
            }
            List<String> differences = schedule.differences(actual);
            if (differences.isEmpty()) {
                logger.info("QStash schedule '" + schedule.id() + "' unchanged (cron '" + schedule.listener().cron()
                        + "' to " + schedule.destination() + ")");
            }
            else {
                qstash.schedules().create(schedule.toRequest());
                logger.info("Updated QStash schedule '" + schedule.id() + "' (" + String.join(", ", differences)
                        + " changed; now cron '" + schedule.listener().cron() + "' to " + schedule.destination()
                        + ") for " + schedule.listener().origin());
            }
        }
        for (Schedule stale : own.values()) {
            qstash.schedules().delete(stale.scheduleId());
            logger.info("Removed QStash schedule '" + stale.scheduleId() + "' (cron '" + stale.cron() + "' to "
                    + stale.destination() + "): no @QStashSchedule method declares it any more");
        }
    }

}
