package io.github.qstashspring.broker.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.StoredMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The delivery engine: claim, send ({@link DeliveryWorkers}), record. Messages reach it
 * three ways: already claimed by the publish that stored them, when it found a free slot
 * ({@link #reserve}, {@link #deliverClaimed}: no claim transaction at all); as ids handed
 * over right after a commit ({@link #offer}), claimed by one loop thread in batches; and,
 * every poll interval or when asked by {@link #runDueWork()}, as due delayed, retried and
 * released messages, found by that loop. Claimed messages are sent by the workers, whose
 * outcomes are recorded in batches; a message holds a {@link DeliverySlots slot} from its
 * claim until its outcome is recorded, so that sending, claiming and recording overlap
 * and each transaction carries many messages. Time is read from the broker's
 * {@link Clock}, so tests can jump over delays.
 */
final class DeliveryDispatcher implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(DeliveryDispatcher.class);

    /** The phase it starts in: with the web server, after the maintenance. */
    static final int PHASE = Integer.MAX_VALUE - 2048;

    private final TransactionOperations transactions;

    private final MessageStore messages;

    private final FlowClaims flowClaims;

    private final DeliveryWorkers workers;

    private final DeliveryConfiguration.Settings settings;

    private final Clock clock;

    private final DeliverySlots slots;

    private final LinkedBlockingQueue<String> handedOver = new LinkedBlockingQueue<>();

    private final Object signal = new Object();

    private final AtomicLong pollRequests = new AtomicLong();

    private volatile boolean running;

    private volatile boolean wakeUp;

    private volatile boolean flowWork = true;

    private Thread loop = new Thread(() -> {
    });

    DeliveryDispatcher(TransactionOperations transactions, MessageStore messages, FlowClaims flowClaims,
            DeliveryWorkers workers, DeliveryConfiguration.Settings settings, Clock clock) {
        this.transactions = transactions;
        this.messages = messages;
        this.flowClaims = flowClaims;
        this.workers = workers;
        this.settings = settings;
        this.clock = clock;
        this.slots = new DeliverySlots(settings.concurrency(), settings.maxPerHost());
    }

    void offer(Collection<String> messageIds) {
        if (!messageIds.isEmpty()) {
            this.handedOver.addAll(messageIds);
            wake();
        }
    }

    boolean reserve(StoredMessage message) {
        if (!this.running || !this.handedOver.isEmpty() || this.slots.take(1) == 0) {
            return false;
        }
        if (!this.slots.hold(message)) {
            this.slots.giveBack(1);
            return false;
        }
        return true;
    }

    void release(List<StoredMessage> messages) {
        for (StoredMessage message : messages) {
            unhold(message);
        }
        this.slots.giveBack(messages.size());
        wake();
    }

    long leaseUntil(long now) {
        return now + this.settings.timeout().plus(this.settings.leaseMargin()).toMillis();
    }

    void deliverClaimed(List<StoredMessage> claimed) {
        for (StoredMessage message : claimed) {
            if (!this.workers.send(message)) {
                // Stopping: the claim is released when the maintenance stops.
                release(List.of(message));
            }
        }
    }

    /**
     * Makes the loop look for due messages now instead of at the next poll. Returns at
     * once; deliveries run in the background.
     */
    void runDueWork() {
        this.pollRequests.incrementAndGet();
        wake();
    }

    boolean isIdle() {
        return this.slots.noneTaken() && this.handedOver.isEmpty() && this.workers.noOutcomeWaiting();
    }

    /**
     * @return the ids of the messages being delivered by this broker now (their claims
     * must not be released, whatever their lease says)
     */
    Set<String> inFlight() {
        return this.workers.inFlight();
    }

    /**
     * @return whether it is started and its claim loop alive
     */
    boolean isDispatching() {
        return this.running && this.loop.isAlive();
    }

    @Override
    public void start() {
        this.running = true;
        this.workers.start(this::recorded);
        this.loop = new Thread(this::claimLoop, "qstash-dispatcher");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    /**
     * Stops claiming, then drains the workers: attempts running get up to the shutdown
     * timeout to finish and their outcomes are recorded (a message delivered now is not
     * delivered again after a restart); attempts not started or not finished by then keep
     * their claims, which the maintenance releases when it stops, right after.
     */
    @Override
    public void stop() {
        this.running = false;
        wake();
        this.loop.interrupt();
        try {
            this.loop.join(5000);
            int abandoned = this.workers.stop(this.settings.shutdownTimeout());
            if (abandoned > 0) {
                logger.info(abandoned + " deliveries had not started or finished within the shutdown timeout ("
                        + this.settings.shutdownTimeout() + "); they are delivered again");
            }
        }
        catch (InterruptedException ex) {
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
        return PHASE;
    }

    private void recorded(List<StoredMessage> batch, List<String> due, boolean flowControlled) {
        offer(due);
        if (flowControlled) {
            this.flowWork = true;
        }
        for (StoredMessage message : batch) {
            unhold(message);
        }
        this.slots.giveBack(batch.size());
        wake();
    }

    /**
     * Ends a message's hold on its host; when the host was full, messages of it that were
     * left pending may be claimed now: the loop looks for them.
     */
    private void unhold(StoredMessage message) {
        if (this.slots.unhold(message)) {
            this.pollRequests.incrementAndGet();
        }
    }

    private void wake() {
        synchronized (this.signal) {
            this.wakeUp = true;
            this.signal.notifyAll();
        }
    }

    private void claimLoop() {
        long pollIntervalNanos = this.settings.pollInterval().toNanos();
        long nextPoll = System.nanoTime();
        long pollsSeen = 0;
        while (this.running) {
            try {
                long polls = this.pollRequests.get();
                boolean poll = System.nanoTime() - nextPoll >= 0 || polls != pollsSeen;
                boolean progressed = claimHandedOver();
                if (poll) {
                    pollsSeen = polls;
                    nextPoll = System.nanoTime() + pollIntervalNanos;
                    progressed |= claimBatch((now, leaseUntil, limit) -> this.messages.claimDue(now, leaseUntil, limit,
                            this.slots.fullHosts()));
                }
                if (poll || this.flowWork) {
                    this.flowWork = false;
                    progressed |= claimBatch(this.flowClaims::claim);
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
        int taken = this.slots.take(this.settings.batchSize());
        List<String> ids = new ArrayList<>();
        this.handedOver.drainTo(ids, taken);
        long now = this.clock.millis();
        List<StoredMessage> claimed = claim(taken, () -> this.messages.claimIds(ids, now, leaseUntil(now)), now);
        if (claimed.size() < ids.size()) {
            // Flow-controlled messages are not claimed by id: their keys decide.
            this.flowWork = true;
        }
        return !this.handedOver.isEmpty() && this.slots.anyFree();
    }

    /**
     * Claims up to a batch with the statement; returns whether the batch was full (more
     * may wait).
     */
    private boolean claimBatch(ClaimStatement statement) {
        int taken = this.slots.take(this.settings.batchSize());
        long now = this.clock.millis();
        return taken > 0 && claim(taken, () -> statement.claim(now, leaseUntil(now), taken), now).size() == taken;
    }

    /**
     * Claims in a transaction of its own, loads the claimed messages and records them
     * {@code ACTIVE}, then hands them to the workers; slots left unused are given back.
     * Messages whose destination host holds its share of the slots are given back to the
     * database in the same transaction: they stay pending, and the loop looks for them
     * again when a slot of their host is free.
     */
    private List<StoredMessage> claim(int taken, Supplier<List<String>> claimStatement, long now) {
        List<StoredMessage> claimed = List.of();
        List<StoredMessage> held = new ArrayList<>();
        try {
            if (taken > 0) {
                claimed = this.transactions.execute((status) -> {
                    held.clear();
                    List<String> hostFull = new ArrayList<>();
                    for (StoredMessage message : this.messages.loadClaimed(claimStatement.get())) {
                        if (this.slots.hold(message)) {
                            held.add(message);
                            this.messages.log(message, "ACTIVE", now);
                        }
                        else {
                            hostFull.add(message.id());
                        }
                    }
                    this.messages.unclaim(hostFull);
                    return List.copyOf(held);
                });
            }
        }
        catch (RuntimeException ex) {
            held.forEach(this::unhold);
            throw ex;
        }
        finally {
            this.slots.giveBack(taken - ((claimed != null) ? claimed.size() : 0));
        }
        if (claimed == null) {
            held.forEach(this::unhold);
            return List.of();
        }
        deliverClaimed(claimed);
        return claimed;
    }

    /** A claim of due messages: {@code (now, leaseUntil, limit) -> claimed ids}. */
    @FunctionalInterface
    private interface ClaimStatement {

        List<String> claim(long now, long leaseUntil, int limit);

    }

}
