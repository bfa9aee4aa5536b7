package io.github.qstashspring.broker.workflow;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.qstashspring.broker.store.WorkflowStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The workflow work that comes due with time, on a background thread: waits whose
 * deadline passed time out (checked every poll interval, and at once when the broker's
 * clock is moved), and ended runs older than the log retention are deleted (every
 * minute).
 */
final class WorkflowMaintenance implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(WorkflowMaintenance.class);

    private final Waits waits;

    private final TransactionOperations transactions;

    private final WorkflowStore runs;

    private final Clock clock;

    private final Duration pollInterval;

    private final Duration retention;

    private volatile ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private volatile boolean running;

    WorkflowMaintenance(Waits waits, TransactionOperations transactions, WorkflowStore runs, Clock clock,
            Duration pollInterval, Duration retention) {
        this.waits = waits;
        this.transactions = transactions;
        this.runs = runs;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.retention = retention;
        this.timer.shutdown();
    }

    /** Times out the waits whose deadline passed on the broker's clock. */
    void timeOutExpired() {
        while (this.waits.timeOutExpired() > 0) {
            // a full page: look again
        }
    }

    @Override
    public void start() {
        this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "qstash-workflows");
            thread.setDaemon(true);
            return thread;
        });
        long poll = Math.max(10, this.pollInterval.toMillis());
        this.timer.scheduleWithFixedDelay(() -> safely("Timing out workflow waits", this::timeOutExpired), poll, poll,
                TimeUnit.MILLISECONDS);
        this.timer
            .scheduleWithFixedDelay(
                    () -> safely("Deleting ended workflow runs",
                            () -> this.transactions.execute((status) -> this.runs
                                .deleteRunsEndedBefore(this.clock.millis() - this.retention.toMillis()))),
                    1, 60, TimeUnit.SECONDS);
        this.running = true;
    }

    private static void safely(String what, Runnable work) {
        try {
            work.run();
        }
        catch (RuntimeException ex) {
            logger.warn(what + " failed; trying again at the next round", ex);
        }
    }

    @Override
    public void stop() {
        this.running = false;
        this.timer.shutdownNow();
        try {
            this.timer.awaitTermination(5, TimeUnit.SECONDS);
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
        // Stop before the dispatcher, with the schedule ticker.
        return Integer.MAX_VALUE - 1024;
    }

}
