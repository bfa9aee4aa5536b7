package io.github.qstashspring.broker.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.qstashspring.broker.store.MessageStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The broker's housekeeping. Claims: at start, this broker run registers as an instance
 * whose claims carry its id (on an H2 database it opened alone, the claims a previous run
 * left are released at once); on a thread of its own, every heartbeat interval, it writes
 * its heartbeat and releases the claims of instances that wrote none for the instance
 * timeout (killed, crashed or cut off), so that their messages are delivered again within
 * seconds; at stop, after the dispatcher drained, it releases what this instance still
 * holds. On a second thread, every poll interval, it releases claims whose lease expired
 * and that no live instance holds (this one lost track of them, e.g. their outcome could
 * not be recorded, or their owner is unknown) and re-reads the signing keys (rotated
 * through another broker sharing the database); every minute, it deletes expired log
 * entries and deduplication keys. It starts before the dispatcher and stops after it (so
 * it writes heartbeats while the dispatcher drains): it reaches the dispatcher through a
 * {@link Supplier}, since Spring stops a bean's dependents before the bean.
 */
final class BrokerMaintenance implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(BrokerMaintenance.class);

    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);

    private final TransactionOperations transactions;

    private final MessageStore messages;

    private final SigningKeys signingKeys;

    private final Supplier<DeliveryDispatcher> dispatcher;

    private final DeliveryConfiguration.Settings settings;

    private final Clock clock;

    private volatile boolean running;

    private ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

    BrokerMaintenance(TransactionOperations transactions, MessageStore messages, SigningKeys signingKeys,
            Supplier<DeliveryDispatcher> dispatcher, DeliveryConfiguration.Settings settings, Clock clock) {
        this.transactions = transactions;
        this.messages = messages;
        this.signingKeys = signingKeys;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Releases the claims whose lease expired on the broker's clock and that no other
     * live instance holds, except those this broker is delivering now, and makes the
     * dispatcher look for them.
     */
    void releaseExpiredClaims() {
        long now = this.clock.millis();
        Integer released = this.transactions.execute((status) -> {
            List<String> expired = new ArrayList<>(this.messages.expiredClaims(now, 1000));
            expired.removeAll(this.dispatcher.get().inFlight());
            return expired.isEmpty() ? 0 : this.messages.releaseExpiredClaims(expired, now);
        });
        if (released != null && released > 0) {
            logger.info("Released " + released + " messages whose lease expired for redelivery");
            this.dispatcher.get().runDueWork();
        }
    }

    @Override
    public void start() {
        Integer released = this.transactions.execute((status) -> this.messages.joinInstances());
        if (released != null && released > 0) {
            logger.info("Released " + released + " messages claimed by a previous run for redelivery");
        }
        this.running = true;
        this.heartbeats = daemonTimer("qstash-heartbeat");
        this.heartbeats.scheduleWithFixedDelay(() -> safely("Writing the heartbeat", this::heartbeat), 0,
                Math.max(1, this.settings.heartbeatInterval().toMillis()), TimeUnit.MILLISECONDS);
        this.timer = daemonTimer("qstash-maintenance");
        long poll = Math.max(1, this.settings.pollInterval().toMillis());
        this.timer.scheduleWithFixedDelay(() -> safely("Releasing expired claims", () -> {
            releaseExpiredClaims();
            this.signingKeys.refresh();
        }), poll, poll, TimeUnit.MILLISECONDS);
        long expiry = EXPIRY_INTERVAL.toMillis();
        this.timer.scheduleWithFixedDelay(() -> safely("Deleting expired log entries", this::deleteExpired), expiry,
                expiry, TimeUnit.MILLISECONDS);
    }

    /**
     * Writes this instance's heartbeat and releases the claims of instances whose
     * heartbeat stopped.
     */
    private void heartbeat() {
        Boolean registered = this.transactions.execute((status) -> this.messages.heartbeat());
        if (Boolean.FALSE.equals(registered)) {
            logger.warn("This broker wrote no heartbeat for longer than its instance timeout ("
                    + this.settings.instanceTimeout() + "), so another broker released its claims: messages it was "
                    + "delivering may be delivered twice");
        }
        Duration silence = this.settings.instanceTimeout();
        Integer released = this.transactions.execute((status) -> this.messages.releaseClaimsOfDeadInstances(silence));
        if (released != null && released > 0) {
            logger.info("Released " + released + " messages claimed by broker instances that wrote no heartbeat for "
                    + silence + ", for redelivery");
            this.dispatcher.get().runDueWork();
        }
    }

    private static ScheduledExecutorService daemonTimer(String name) {
        return Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private void deleteExpired() {
        long now = this.clock.millis();
        this.transactions.executeWithoutResult((status) -> {
            this.messages.deleteExpiredDeduplications(now);
            this.messages.deleteLogsBefore(now - this.settings.logRetention().toMillis());
        });
    }

    private void safely(String what, Runnable task) {
        try {
            task.run();
        }
        catch (RuntimeException ex) {
            if (this.running) {
                logger.warn(what + " failed; it is tried again later", ex);
            }
        }
    }

    @Override
    public void stop() {
        this.running = false;
        for (ScheduledExecutorService executor : List.of(this.heartbeats, this.timer)) {
            executor.shutdownNow();
        }
        try {
            this.heartbeats.awaitTermination(5, TimeUnit.SECONDS);
            this.timer.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        // The dispatcher stopped before: what this instance still holds was not
        // delivered.
        try {
            Integer released = this.transactions.execute((status) -> this.messages.leaveInstances());
            if (released != null && released > 0) {
                logger.info("Released " + released + " messages still claimed at stop for redelivery");
            }
        }
        catch (RuntimeException ex) {
            logger.warn("Releasing the claims of this broker at stop failed; other brokers release them when its "
                    + "heartbeat is missed", ex);
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return DeliveryDispatcher.PHASE - 1;
    }

}
