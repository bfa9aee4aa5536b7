package io.github.qstashspring.broker.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.broker.flow.FlowControl;
import io.github.qstashspring.broker.message.LogRecorder;
import io.github.qstashspring.broker.message.MessageHandOff;
import io.github.qstashspring.broker.message.SigningKeys;
import io.github.qstashspring.broker.store.BrokerDatabase;
import io.github.qstashspring.broker.store.DedupRepository;
import io.github.qstashspring.broker.store.LogRepository;
import io.github.qstashspring.broker.store.MessageClaimer;
import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageRows;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery engine. Messages reach it three ways: already claimed by the publish that
 * stored them, when it found a free slot ({@link #reserve}, {@link #deliverClaimed}: no
 * claim transaction at all); as ids handed over right after a commit ({@link #offer}),
 * claimed by one loop thread in batches; and, every poll interval or when asked by
 * {@link #runDueWork()}, as due delayed and retried messages and messages whose lease
 * expired, found by that loop. Claimed messages are sent by a pool of
 * {@code delivery.concurrency} workers; their outcomes are recorded in batches by a
 * recorder thread. Up to {@value #CLAIM_AHEAD} times {@code concurrency} messages are
 * claimed and not yet recorded at any time, so that sending, claiming and recording
 * overlap and each transaction carries many messages. Time is read from the broker's
 * {@link Clock}, so tests can jump over delays.
 */
public class DeliveryDispatcher implements MessageHandOff, SmartLifecycle {

    private static final Log logger = LogFactory.getLog(DeliveryDispatcher.class);

    /** Claimed-but-unrecorded messages allowed per delivery worker. */
    static final int CLAIM_AHEAD = 4;

    /** H2 databases a broker of this JVM has open (brokers of tests may share one). */
    private static final Set<String> OPEN_H2_DATABASES = ConcurrentHashMap.newKeySet();

    private static final long MAINTENANCE_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final TransactionTemplate transactions;

    private final MessageClaimer claimer;

    private final MessageRows rows;

    private final LogRecorder logRecorder;

    private final OutcomeRecorder outcomeRecorder;

    private final SigningKeys signingKeys;

    private final BrokerDatabase database;

    private final LogRepository logs;

    private final DedupRepository dedup;

    private final QStashBrokerProperties properties;

    private final Clock clock;

    private final HttpDeliverer deliverer;

    private final LinkedBlockingQueue<String> handedOver = new LinkedBlockingQueue<>();

    private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private final Semaphore capacity;

    private final Object signal = new Object();

    private final AtomicLong pollRequests = new AtomicLong();

    private final AtomicInteger activeDeliveries = new AtomicInteger();

    private volatile boolean running;

    private boolean ownsH2Database;

    private volatile boolean wakeUp;

    private volatile boolean flowWork = true;

    private final FlowControl flowControl;

    private ExecutorService workers = Executors.newSingleThreadExecutor();

    private Thread loop = new Thread(() -> {
    });

    private Thread recorder = new Thread(() -> {
    });

    /**
     * Creates the dispatcher; {@link #start()} starts its threads.
     * @param transactions the broker's transactions
     * @param claimer the claim statements
     * @param rows loads claimed messages
     * @param logs the log repository
     * @param dedup the dedup repository
     * @param logRecorder log entries
     * @param outcomeRecorder records outcomes
     * @param signingKeys the signing keys
     * @param database which database
     * @param properties the broker's properties
     * @param flowControl starts flow-controlled messages
     * @param clock the broker's clock
     */
    DeliveryDispatcher(TransactionTemplate transactions, MessageClaimer claimer, MessageRows rows, LogRepository logs,
            DedupRepository dedup, LogRecorder logRecorder, OutcomeRecorder outcomeRecorder, SigningKeys signingKeys,
            BrokerDatabase database, QStashBrokerProperties properties, FlowControl flowControl, Clock clock) {
        this.flowControl = flowControl;
        this.transactions = transactions;
        this.claimer = claimer;
        this.rows = rows;
        this.logs = logs;
        this.dedup = dedup;
        this.logRecorder = logRecorder;
        this.outcomeRecorder = outcomeRecorder;
        this.signingKeys = signingKeys;
        this.database = database;
        this.properties = properties;
        this.clock = clock;
        QStashBrokerProperties.Delivery delivery = properties.getDelivery();
        this.capacity = new Semaphore(delivery.getConcurrency() * CLAIM_AHEAD);
        this.deliverer = new HttpDeliverer(delivery.getConcurrency(), delivery.getConnectTimeout(),
                delivery.getTimeout(), (int) properties.getMaxBodySize().toBytes(), delivery.getRegion());
    }

    @Override
    public void offer(Collection<String> messageIds) {
        if (!messageIds.isEmpty()) {
            this.handedOver.addAll(messageIds);
            wake();
        }
    }

    @Override
    public int reserve(int count) {
        if (!this.running || !this.handedOver.isEmpty()) {
            return 0;
        }
        int reserved = 0;
        while (reserved < count && this.capacity.tryAcquire()) {
            reserved++;
        }
        this.activeDeliveries.addAndGet(reserved);
        return reserved;
    }

    @Override
    public void release(int count) {
        this.activeDeliveries.addAndGet(-count);
        this.capacity.release(count);
        wake();
    }

    @Override
    public long leaseUntil(long now) {
        QStashBrokerProperties.Delivery delivery = this.properties.getDelivery();
        return now + delivery.getTimeout().plus(delivery.getLeaseMargin()).toMillis();
    }

    @Override
    public void deliverClaimed(List<MessageEntity> messages) {
        for (MessageEntity message : messages) {
            this.inFlight.add(message.getId());
            try {
                this.workers.execute(() -> deliver(message));
            }
            catch (RejectedExecutionException ex) {
                // Stopping: the claim is released at the next start (H2) or when its
                // lease expires.
                this.inFlight.remove(message.getId());
                release(1);
            }
        }
    }

    /**
     * Looks for due work now instead of at the next poll: delayed and retried messages
     * whose time (on the broker's clock) has come and expired leases. Returns at once;
     * deliveries run in the background. Tests call it after advancing the clock.
     */
    public void runDueWork() {
        this.pollRequests.incrementAndGet();
        wake();
    }

    /**
     * Whether no delivery is running or waiting to be recorded, and nothing was handed
     * over unclaimed.
     * @return whether the dispatcher is idle
     */
    public boolean isIdle() {
        return this.activeDeliveries.get() == 0 && this.handedOver.isEmpty() && this.outcomes.isEmpty();
    }

    @Override
    public void start() {
        boolean soleUser = !this.database.isPostgres() && OPEN_H2_DATABASES.add(this.database.getUrl());
        this.ownsH2Database = soleUser;
        if (soleUser) {
            // An H2 database is used by one process only, and no other broker of this
            // process has it
            // open: claims found now are orphans of a previous run.
            Integer released = this.transactions.execute((status) -> this.claimer.releaseAll());
            if (released != null && released > 0) {
                logger.info("Released " + released + " messages claimed by a previous run for redelivery");
            }
        }
        this.running = true;
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(this.properties.getDelivery().getConcurrency(), (task) -> {
            Thread thread = new Thread(task, "qstash-delivery-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new Thread(this::claimLoop, "qstash-dispatcher");
        this.loop.setDaemon(true);
        this.recorder = new Thread(this::recordLoop, "qstash-outcome-recorder");
        this.recorder.setDaemon(true);
        this.loop.start();
        this.recorder.start();
    }

    @Override
    public void stop() {
        if (this.ownsH2Database) {
            OPEN_H2_DATABASES.remove(this.database.getUrl());
            this.ownsH2Database = false;
        }
        this.running = false;
        wake();
        this.loop.interrupt();
        this.recorder.interrupt();
        this.workers.shutdownNow();
        try {
            this.workers.awaitTermination(5, TimeUnit.SECONDS);
            this.loop.join(5000);
            this.recorder.join(5000);
            this.deliverer.close();
        }
        catch (Exception ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        // Stop after the web server (which stops at a higher phase) no longer accepts
        // publishes.
        return Integer.MAX_VALUE - 2048;
    }

    private void wake() {
        synchronized (this.signal) {
            this.wakeUp = true;
            this.signal.notifyAll();
        }
    }

    private void claimLoop() {
        long pollIntervalNanos = this.properties.getDelivery().getPollInterval().toNanos();
        long nextPoll = System.nanoTime();
        long nextMaintenance = System.nanoTime() + MAINTENANCE_INTERVAL_NANOS;
        long pollsSeen = 0;
        while (this.running) {
            try {
                long polls = this.pollRequests.get();
                boolean poll = System.nanoTime() - nextPoll >= 0 || polls != pollsSeen;
                boolean progressed = claimHandedOver();
                if (poll) {
                    pollsSeen = polls;
                    nextPoll = System.nanoTime() + pollIntervalNanos;
                    releaseExpiredLeases();
                    if (this.database.isPostgres()) {
                        this.signingKeys.refresh();
                    }
                    progressed |= claimDue();
                }
                if (poll || this.flowWork) {
                    this.flowWork = false;
                    progressed |= claimFlowControlled();
                }
                if (System.nanoTime() - nextMaintenance >= 0) {
                    nextMaintenance = System.nanoTime() + MAINTENANCE_INTERVAL_NANOS;
                    maintain();
                }
                if (!progressed) {
                    awaitSignal(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextPoll - System.nanoTime())));
                }
            }
            catch (RuntimeException ex) {
                if (this.running) {
                    logger.warn("Claiming messages failed; retrying at the next poll", ex);
                    awaitSignal(TimeUnit.NANOSECONDS.toMillis(pollIntervalNanos));
                }
            }
        }
    }

    private void awaitSignal(long millis) {
        synchronized (this.signal) {
            if (!this.wakeUp && this.running) {
                try {
                    this.signal.wait(millis);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    this.running = false;
                }
            }
            this.wakeUp = false;
        }
    }

    private boolean claimHandedOver() {
        if (this.handedOver.isEmpty()) {
            return false;
        }
        int slots = takeSlots();
        List<String> ids = new ArrayList<>();
        this.handedOver.drainTo(ids, slots);
        long now = this.clock.millis();
        List<MessageEntity> claimed = claim(slots, () -> this.claimer.claimIds(ids, now, leaseUntil(now)), now);
        if (claimed.size() < ids.size()) {
            // Flow-controlled messages are not claimed by id: their keys decide.
            this.flowWork = true;
        }
        return !this.handedOver.isEmpty() && this.capacity.availablePermits() > 0;
    }

    private boolean claimDue() {
        return claimBatch(this.claimer::claimDue);
    }

    private boolean claimFlowControlled() {
        return claimBatch(this.flowControl::claim);
    }

    /**
     * Claims up to a batch with the statement; returns whether the batch was full (more
     * may wait).
     */
    private boolean claimBatch(ClaimStatement statement) {
        int slots = takeSlots();
        long now = this.clock.millis();
        return slots > 0 && claim(slots, () -> statement.claim(now, leaseUntil(now), slots), now).size() == slots;
    }

    /**
     * Takes up to a batch of free delivery slots before claiming, so every claimed
     * message has one.
     */
    private int takeSlots() {
        int limit = this.properties.getDelivery().getBatchSize();
        int slots = 0;
        while (slots < limit && this.capacity.tryAcquire()) {
            slots++;
        }
        this.activeDeliveries.addAndGet(slots);
        return slots;
    }

    /**
     * Claims in a transaction of its own, loads the claimed messages and records them
     * {@code ACTIVE}, then hands them to the workers; slots left unused are given back.
     */
    private List<MessageEntity> claim(int slots, Supplier<List<String>> claimStatement, long now) {
        List<MessageEntity> claimed = List.of();
        try {
            if (slots > 0) {
                claimed = this.transactions.execute((status) -> {
                    List<String> ids = claimStatement.get();
                    List<MessageEntity> found = this.rows.findAll(ids);
                    for (MessageEntity message : found) {
                        this.logRecorder.record(message, "ACTIVE", now);
                    }
                    return found;
                });
            }
        }
        finally {
            int unused = slots - ((claimed != null) ? claimed.size() : 0);
            if (unused > 0) {
                this.activeDeliveries.addAndGet(-unused);
                this.capacity.release(unused);
            }
        }
        if (claimed == null) {
            return List.of();
        }
        deliverClaimed(claimed);
        return claimed;
    }

    private void deliver(MessageEntity message) {
        AttemptResult result;
        try {
            result = this.deliverer.send(message, this.signingKeys.signer());
        }
        catch (RuntimeException ex) {
            result = AttemptResult.failure(ex.toString());
        }
        this.outcomes.add(new Outcome(message, result));
    }

    private void recordLoop() {
        int batchSize = this.properties.getDelivery().getBatchSize();
        while (this.running || !this.outcomes.isEmpty()) {
            List<Outcome> batch = new ArrayList<>();
            try {
                Outcome first = this.outcomes.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                this.outcomes.drainTo(batch, batchSize - 1);
                offer(recordSafely(batch));
            }
            catch (InterruptedException ex) {
                if (!this.running) {
                    return;
                }
            }
            finally {
                for (Outcome outcome : batch) {
                    if (outcome.message().getFlowControlKey() != null) {
                        this.flowWork = true;
                    }
                    this.inFlight.remove(outcome.message().getId());
                    this.capacity.release();
                    this.activeDeliveries.decrementAndGet();
                }
                if (!batch.isEmpty()) {
                    wake();
                }
            }
        }
    }

    private List<String> recordSafely(List<Outcome> batch) {
        try {
            return this.outcomeRecorder.record(batch);
        }
        catch (RuntimeException ex) {
            if (batch.size() == 1) {
                logger.warn("Recording the outcome of " + batch.get(0).message().getId()
                        + " failed; it is redelivered when its lease expires", ex);
                return List.of();
            }
            List<String> due = new ArrayList<>();
            for (Outcome outcome : batch) {
                due.addAll(recordSafely(List.of(outcome)));
            }
            return due;
        }
    }

    private void releaseExpiredLeases() {
        long now = this.clock.millis();
        this.transactions.executeWithoutResult((status) -> {
            List<String> expired = new ArrayList<>(this.claimer.expiredLeases(now, 1000));
            expired.removeAll(this.inFlight);
            if (!expired.isEmpty()) {
                int released = this.claimer.releaseExpired(expired, now);
                logger.info("Released " + released + " messages whose lease expired for redelivery");
            }
        });
    }

    private void maintain() {
        long now = this.clock.millis();
        Duration retention = this.properties.getLogRetention();
        this.transactions.executeWithoutResult((status) -> {
            this.dedup.deleteExpired(now);
            this.logs.deleteOlderThan(now - retention.toMillis());
        });
    }

    /** A claim of due messages: {@code (now, leaseUntil, limit) -> claimed ids}. */
    @FunctionalInterface
    private interface ClaimStatement {

        List<String> claim(long now, long leaseUntil, int limit);

    }

}
