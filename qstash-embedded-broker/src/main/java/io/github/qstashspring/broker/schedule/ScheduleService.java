package io.github.qstashspring.broker.schedule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.qstashspring.broker.message.BrokerException;
import io.github.qstashspring.broker.message.Destinations;
import io.github.qstashspring.broker.message.Ids;
import io.github.qstashspring.broker.message.PublishCommand;
import io.github.qstashspring.broker.message.PublishOptions;
import io.github.qstashspring.broker.message.PublishOptionsParser;
import io.github.qstashspring.broker.message.PublishResult;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.message.RequestHeaders;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageState;
import io.github.qstashspring.broker.store.ScheduleStore;
import io.github.qstashspring.broker.store.StoredSchedule;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, reads, pauses and deletes schedules, and fires their ticks. A tick publishes
 * the schedule's stored request (every publish option applies, deduplication excepted)
 * with the schedule id on each message. Ticks are read from the broker's {@link Clock}; a
 * tick is claimed in the database before it fires, so several brokers on one database
 * fire it once. A broker that was down fires a missed tick once when it is back, then
 * continues with the next tick after now. Creating, replacing, pausing or resuming a
 * schedule wakes the {@link ScheduleTicker}, which then aims at the new earliest tick.
 */
public class ScheduleService {

    private static final Log logger = LogFactory.getLog(ScheduleService.class);

    /**
     * Request headers that configure the schedule itself or the transport, not the
     * messages.
     */
    private static final Set<String> NOT_STORED = Set.of("authorization", "host", "content-length", "connection",
            "upstash-cron", "upstash-schedule-id", "upstash-queue-name", "upstash-deduplication-id",
            "upstash-content-based-deduplication", "transfer-encoding", "keep-alive", "expect");

    private final TransactionTemplate transactions;

    private final ScheduleStore store;

    private final MessageRepository messages;

    private final PublishService publishService;

    private final PublishOptionsParser optionsParser;

    private final int defaultRetries;

    private final Clock clock;

    private final TickerWakeUp tickerWakeUp;

    /**
     * Creates the service.
     * @param transactions the broker's transactions
     * @param store the schedules
     * @param messages the messages (for the state of the last tick's messages)
     * @param publishService publishes the ticks' messages
     * @param optionsParser reads the stored publish options
     * @param defaultRetries retries of messages that set none
     * @param clock the broker's clock
     * @param tickerWakeUp woken when a schedule changed
     */
    public ScheduleService(TransactionTemplate transactions, ScheduleStore store, MessageRepository messages,
            PublishService publishService, PublishOptionsParser optionsParser, int defaultRetries, Clock clock,
            TickerWakeUp tickerWakeUp) {
        this.defaultRetries = defaultRetries;
        this.transactions = transactions;
        this.store = store;
        this.messages = messages;
        this.publishService = publishService;
        this.optionsParser = optionsParser;
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
    public String upsert(String destination, RequestHeaders headers, byte[] body, @Nullable String callerIp) {
        String cronText = headers.first("upstash-cron");
        if (cronText == null) {
            throw BrokerException.badRequest("Upstash-Cron header is required to create a schedule");
        }
        CronSchedule cron = CronSchedule.parse(cronText);
        String id = headers.first("upstash-schedule-id");
        if (id != null && !Destinations.isResourceName(id)) {
            throw BrokerException
                .badRequest("invalid schedule id: " + id + " (letters, digits, '-', '_' and '.' only)");
        }
        String queue = headers.first("upstash-queue-name");
        if (queue != null && !Destinations.isResourceName(queue)) {
            throw BrokerException
                .badRequest("invalid queue name: " + queue + " (letters, digits, '-', '_' and '.' only)");
        }
        this.optionsParser.parse(headers);
        Map<String, List<String>> stored = new LinkedHashMap<>();
        for (String name : headers.names()) {
            if (!NOT_STORED.contains(name)) {
                stored.put(name, List.copyOf(headers.all(name)));
            }
        }
        String scheduleId = (id != null) ? id : "scd_" + Ids.random(24);
        long now = this.clock.millis();
        StoredSchedule schedule = new StoredSchedule(scheduleId, cron.text(), destination, queue, stored, body,
                callerIp, false, now, cron.next(now), null, List.of(), null);
        this.transactions.executeWithoutResult((status) -> this.store.upsert(schedule));
        this.tickerWakeUp.wake();
        return scheduleId;
    }

    /**
     * Reads a schedule.
     * @param id the schedule id
     * @return the schedule
     * @throws BrokerException (404) when it does not exist
     */
    public ScheduleView get(String id) {
        ScheduleView view = this.transactions.execute((status) -> this.store.find(id).map(this::view).orElse(null));
        if (view == null) {
            throw BrokerException.notFound("schedule " + id + " not found");
        }
        return view;
    }

    /**
     * Lists all schedules.
     * @return the schedules, oldest first
     */
    public List<ScheduleView> list() {
        List<ScheduleView> views = this.transactions
            .execute((status) -> this.store.list().stream().map(this::view).toList());
        return (views != null) ? views : List.of();
    }

    /**
     * Deletes a schedule; messages of past ticks are not affected.
     * @param id the schedule id
     * @throws BrokerException (404) when it does not exist
     */
    public void delete(String id) {
        if (!Boolean.TRUE.equals(this.transactions.execute((status) -> this.store.delete(id)))) {
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
    public void setPaused(String id, boolean paused) {
        if (!Boolean.TRUE.equals(this.transactions.execute((status) -> this.store.setPaused(id, paused)))) {
            throw BrokerException.notFound("schedule " + id + " not found");
        }
        this.tickerWakeUp.wake();
    }

    /**
     * The earliest next tick of all schedules, paused ones included (their ticks are
     * claimed and skipped).
     * @return epoch milliseconds, or {@link Long#MAX_VALUE} when there is no schedule
     */
    public long nextTickAt() {
        Long next = this.transactions.execute((status) -> this.store.earliestTick());
        return (next != null) ? next : Long.MAX_VALUE;
    }

    /**
     * Fires every tick due on the broker's clock. Each schedule fires at most once per
     * call, however many of its ticks passed; its next tick is the first one after now.
     * @return how many ticks this broker fired
     */
    public synchronized int fireDue() {
        long now = this.clock.millis();
        int fired = 0;
        List<StoredSchedule> due = this.transactions.execute((status) -> this.store.due(now, 500));
        for (StoredSchedule schedule : (due != null) ? due : List.<StoredSchedule>of()) {
            if (fire(schedule, now)) {
                fired++;
            }
        }
        return fired;
    }

    private boolean fire(StoredSchedule schedule, long now) {
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
                    for (PublishResult result : this.publishService.publishInTransaction(List.of(command(schedule)),
                            handOff)) {
                        ids.addAll(result.messageIds());
                    }
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

    private PublishCommand command(StoredSchedule schedule) {
        PublishOptions options = this.optionsParser.parse(headersOf(schedule)).withoutDeduplication();
        return new PublishCommand(schedule.destination(), schedule.queueName(), schedule.body(), options,
                schedule.callerIp(), schedule.id());
    }

    private ScheduleView view(StoredSchedule schedule) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String messageId : schedule.lastMessageIds()) {
            states.put(messageId,
                    this.messages.findById(messageId)
                        .map((message) -> (message.getState() == MessageState.FAILED) ? "FAIL" : "IN_PROGRESS")
                        .orElse("SUCCESS"));
        }
        PublishOptions options = this.optionsParser.parse(headersOf(schedule));
        return new ScheduleView(schedule, options, states,
                (options.retries() != null) ? options.retries() : this.defaultRetries);
    }

    private static RequestHeaders headersOf(StoredSchedule schedule) {
        RequestHeaders headers = new RequestHeaders();
        schedule.requestHeaders().forEach((name, values) -> values.forEach((value) -> headers.add(name, value)));
        return headers;
    }

}
