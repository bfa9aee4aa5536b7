package io.github.qstashspring.broker.schedule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.ResourceStore.Schedule;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Creates, reads, pauses and deletes schedules, and fires their ticks. A tick publishes
 * the schedule's stored request (every publish option applies, deduplication excepted)
 * with the schedule id on each message. Ticks are read from the broker's {@link Clock}; a
 * tick is claimed in the database before it fires, so several brokers on one database
 * fire it once. A broker that was down fires a missed tick once when it is back, then
 * continues with the next tick after now. Creating, replacing, pausing or resuming a
 * schedule wakes the {@link ScheduleTicker}, which then aims at the new earliest tick.
 */
final class ScheduleService {

    private static final Log logger = LogFactory.getLog(ScheduleService.class);

    /**
     * Request headers that configure the schedule itself or the transport, not the
     * messages.
     */
    private static final Set<String> NOT_STORED = Set.of("authorization", "host", "content-length", "connection",
            "upstash-cron", "upstash-schedule-id", "upstash-queue-name", "upstash-deduplication-id",
            "upstash-content-based-deduplication", "transfer-encoding", "keep-alive", "expect");

    private final TransactionOperations transactions;

    private final ResourceStore store;

    private final MessageStore messages;

    private final PublishService publishService;

    private final Clock clock;

    private final TickerWakeUp tickerWakeUp;

    /**
     * Creates the service.
     * @param transactions the broker's transactions
     * @param store the schedules
     * @param messages the messages (for the state of the last tick's messages)
     * @param publishService publishes the ticks' messages
     * @param clock the broker's clock
     * @param tickerWakeUp woken when a schedule changed
     */
    ScheduleService(TransactionOperations transactions, ResourceStore store, MessageStore messages,
            PublishService publishService, Clock clock, TickerWakeUp tickerWakeUp) {
        this.transactions = transactions;
        this.store = store;
        this.messages = messages;
        this.publishService = publishService;
        this.clock = clock;
        this.tickerWakeUp = tickerWakeUp;
    }

    /**
     * Creates a schedule, or replaces the one with the given {@code Upstash-Schedule-Id}.
     * @param destination the URL or URL group
     * @param headers the request headers ({@code Upstash-Cron} required)
     * @param body the body every tick sends
     * @param callerIp the creator's address
     * @return the schedule id
     * @throws BrokerException (400) on a missing or invalid cron, id, queue name or
     * option
     */
    String upsert(String destination, RequestHeaders headers, byte[] body, @Nullable String callerIp) {
        String cronText = headers.first("upstash-cron");
        if (cronText == null) {
            throw BrokerException.badRequest("Upstash-Cron header is required to create a schedule");
        }
        CronSchedule cron = CronSchedule.parse(cronText);
        String id = headers.first("upstash-schedule-id");
        if (id != null && !ApiResource.isValidName(id)) {
            throw BrokerException
                .badRequest("invalid schedule id: " + id + " (letters, digits, '-', '_' and '.' only)");
        }
        String queue = headers.first("upstash-queue-name");
        if (queue != null && !ApiResource.isValidName(queue)) {
            throw BrokerException
                .badRequest("invalid queue name: " + queue + " (letters, digits, '-', '_' and '.' only)");
        }
        this.publishService.checkOptions(headers);
        Map<String, List<String>> stored = new LinkedHashMap<>();
        for (String name : headers.names()) {
            if (!NOT_STORED.contains(name)) {
                stored.put(name, List.copyOf(headers.all(name)));
            }
        }
        String scheduleId = (id != null) ? id : this.store.newScheduleId();
        long now = this.clock.millis();
        Schedule schedule = new Schedule(scheduleId, cron.text(), destination, queue, stored, body, callerIp, false,
                now, cron.next(now), null, List.of(), null);
        this.transactions.executeWithoutResult((status) -> this.store.upsertSchedule(schedule));
        this.tickerWakeUp.wake();
        return scheduleId;
    }

    /**
     * Reads a schedule.
     * @param id the schedule id
     * @return the schedule
     * @throws BrokerException (404) when it does not exist
     */
    ScheduleView get(String id) {
        ScheduleView view = this.transactions
            .execute((status) -> this.store.findSchedule(id).map(this::view).orElse(null));
        if (view == null) {
            throw BrokerException.notFound("schedule " + id + " not found");
        }
        return view;
    }

    /**
     * Lists all schedules.
     * @return the schedules, oldest first
     */
    List<ScheduleView> list() {
        List<ScheduleView> views = this.transactions
            .execute((status) -> this.store.listSchedules().stream().map(this::view).toList());
        return (views != null) ? views : List.of();
    }

    /**
     * Deletes a schedule; messages of past ticks are not affected.
     * @param id the schedule id
     * @throws BrokerException (404) when it does not exist
     */
    void delete(String id) {
        if (!Boolean.TRUE.equals(this.transactions.execute((status) -> this.store.deleteSchedule(id)))) {
            throw BrokerException.notFound("schedule " + id + " not found");
        }
    }

    /**
     * Pauses (ticks are skipped, the next tick time moves on) or resumes a schedule;
     * idempotent.
     * @param id the schedule id
     * @param paused whether to pause
     * @throws BrokerException (404) when it does not exist
     */
    void setPaused(String id, boolean paused) {
        if (!Boolean.TRUE.equals(this.transactions.execute((status) -> this.store.pauseSchedule(id, paused)))) {
            throw BrokerException.notFound("schedule " + id + " not found");
        }
        this.tickerWakeUp.wake();
    }

    /**
     * The earliest next tick of all schedules, paused ones included (their ticks are
     * claimed and skipped).
     * @return epoch milliseconds, or {@link Long#MAX_VALUE} when there is no schedule
     */
    long nextTickAt() {
        Long next = this.transactions.execute((status) -> this.store.earliestTick());
        return (next != null) ? next : Long.MAX_VALUE;
    }

    /**
     * Fires every tick due on the broker's clock. Each schedule fires at most once per
     * call, however many of its ticks passed; its next tick is the first one after now.
     * @return how many ticks this broker fired
     */
    synchronized int fireDue() {
        long now = this.clock.millis();
        int fired = 0;
        List<Schedule> due = this.transactions.execute((status) -> this.store.dueSchedules(now, 500));
        for (Schedule schedule : (due != null) ? due : List.<Schedule>of()) {
            if (fire(schedule, now)) {
                fired++;
            }
        }
        return fired;
    }

    private boolean fire(Schedule schedule, long now) {
        List<String> handOff = new ArrayList<>();
        Boolean fired;
        try {
            fired = this.transactions.execute((status) -> {
                long next = CronSchedule.parse(schedule.cron()).next(now);
                if (!this.store.claimTick(schedule.id(), schedule.nextTickAt(), next, now)) {
                    return false;
                }
                if (schedule.paused()) {
                    return true;
                }
                List<String> ids = new ArrayList<>();
                String error = null;
                try {
                    ids.addAll(this.publishService.publishTick(schedule, handOff));
                }
                catch (BrokerException ex) {
                    handOff.clear();
                    error = ex.getMessage();
                    logger.warn("Schedule " + schedule.id() + " produced no message: " + error);
                }
                this.store.recordTick(schedule.id(), ids, error);
                return true;
            });
        }
        catch (RuntimeException ex) {
            logger.warn("Firing schedule " + schedule.id() + " failed; it is tried again at the next poll", ex);
            return false;
        }
        this.publishService.handOff(handOff);
        return Boolean.TRUE.equals(fired);
    }

    private ScheduleView view(Schedule schedule) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String messageId : schedule.lastMessageIds()) {
            states.put(messageId,
                    this.messages.find(messageId)
                        .map((message) -> (message.state() == State.FAILED) ? "FAIL" : "IN_PROGRESS")
                        .orElse("SUCCESS"));
        }
        return new ScheduleView(schedule, states);
    }

    /**
     * A schedule as the API shows it.
     *
     * @param schedule the stored schedule
     * @param lastScheduleStates the messages of the last tick and their state
     * ({@code IN_PROGRESS}, {@code SUCCESS} or {@code FAIL})
     */
    record ScheduleView(Schedule schedule, Map<String, String> lastScheduleStates) {
    }

}
