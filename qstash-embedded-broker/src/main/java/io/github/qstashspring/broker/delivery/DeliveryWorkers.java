package io.github.qstashspring.broker.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.qstashspring.broker.store.StoredMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends claimed messages on a pool of {@code concurrency} threads and records their
 * outcomes in batches on one recorder thread; after each batch it gives the batch's slots
 * back and tells the dispatcher which messages became due. At most {@code maxPerHost}
 * attempts to one destination host run at once ({@link HostLanes}). At {@link #stop stop}
 * it drains: attempts not started are dropped, running ones get the drain time to finish
 * and their outcomes are recorded, and the rest are aborted (their claims stay, for the
 * maintenance to release).
 */
final class DeliveryWorkers {

    private static final Log logger = LogFactory.getLog(DeliveryWorkers.class);

    private final HttpDeliverer deliverer;

    private final SigningKeys signingKeys;

    private final OutcomeRecorder outcomeRecorder;

    private final int concurrency;

    private final int batchSize;

    private final HostLanes<Attempt> lanes;

    private final Dispatcher.AttemptObserver observer;

    private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private volatile boolean running;

    /** Set when the drain time is over: outcomes of aborted attempts are not recorded. */
    private volatile boolean aborted;

    private ThreadPoolExecutor pool = newPool(1);

    private Thread recorder = new Thread(() -> {
    });

    DeliveryWorkers(HttpDeliverer deliverer, SigningKeys signingKeys, OutcomeRecorder outcomeRecorder, int concurrency,
            int batchSize, int maxPerHost, Dispatcher.AttemptObserver observer) {
        this.deliverer = deliverer;
        this.signingKeys = signingKeys;
        this.outcomeRecorder = outcomeRecorder;
        this.concurrency = concurrency;
        this.batchSize = batchSize;
        this.lanes = new HostLanes<>(maxPerHost);
        this.observer = observer;
    }

    /**
     * Starts the threads.
     * @param recorded told after each recorded batch
     */
    void start(Recorded recorded) {
        this.running = true;
        this.aborted = false;
        this.pool = newPool(this.concurrency);
        this.recorder = new Thread(() -> recordLoop(recorded), "qstash-outcome-recorder");
        this.recorder.setDaemon(true);
        this.recorder.start();
    }

    /**
     * Sends a claimed message.
     * @param message the message
     * @return whether it was taken (not when stopping)
     */
    boolean send(StoredMessage message) {
        if (!this.running) {
            return false;
        }
        this.inFlight.add(message.id());
        Attempt attempt = new Attempt(message);
        if (this.lanes.admit(attempt.host, attempt) && !execute(attempt)) {
            this.inFlight.remove(message.id());
            return false;
        }
        return true;
    }

    /**
     * Runs an attempt admitted by its host's lane on a delivery thread.
     * @return whether it was taken (not when stopping: the lane is then told)
     */
    private boolean execute(Attempt attempt) {
        try {
            this.pool.execute(attempt);
            return true;
        }
        catch (RejectedExecutionException ex) {
            this.lanes.finished(attempt.host);
            return false;
        }
    }

    /**
     * @return whether no outcome waits to be recorded
     */
    boolean noOutcomeWaiting() {
        return this.outcomes.isEmpty();
    }

    /**
     * @return the ids of the messages being delivered now
     */
    Set<String> inFlight() {
        return Collections.unmodifiableSet(this.inFlight);
    }

    /**
     * Stops sending and drains: attempts that have not started are dropped; running
     * attempts get up to {@code drainTimeout} to finish, and their outcomes are recorded;
     * those still running then are aborted and their outcomes dropped. The claims of
     * dropped and aborted attempts are left as they are (the caller releases them).
     * @param drainTimeout how long running attempts may take to finish
     * @return how many attempts were dropped or aborted
     * @throws InterruptedException when interrupted while waiting
     */
    int stop(Duration drainTimeout) throws InterruptedException {
        List<Runnable> notStarted = new ArrayList<>(this.lanes.drainWaiting());
        this.pool.getQueue().drainTo(notStarted);
        for (Runnable attempt : notStarted) {
            this.inFlight.remove(((Attempt) attempt).message.id());
        }
        this.pool.shutdown();
        int abandoned = notStarted.size();
        if (!this.pool.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            this.aborted = true;
            abandoned += this.pool.getActiveCount();
            this.deliverer.abortRunning();
            this.pool.shutdownNow();
            this.pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        // The recorder ends once it recorded every outcome that arrived.
        this.running = false;
        this.recorder.join(10_000);
        this.recorder.interrupt();
        this.recorder.join(5000);
        try {
            this.deliverer.close();
        }
        catch (Exception ex) {
            logger.debug("Closing the HTTP client failed", ex);
        }
        return abandoned;
    }

    private void deliver(StoredMessage message) {
        AttemptResult result;
        long start = System.nanoTime();
        try {
            result = this.deliverer.send(message, this.signingKeys.signer());
        }
        catch (RuntimeException ex) {
            result = AttemptResult.failure(ex.toString());
        }
        observe(result, System.nanoTime() - start);
        if (!this.aborted) {
            this.outcomes.add(new Outcome(message, result));
        }
    }

    private static ThreadPoolExecutor newPool(int threads) {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                (task) -> {
                    Thread thread = new Thread(task, "qstash-delivery-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** One attempt waiting for or running on a delivery thread. */
    private final class Attempt implements Runnable {

        private final StoredMessage message;

        private final String host;

        Attempt(StoredMessage message) {
            this.message = message;
            this.host = DeliverySlots.hostOf(message);
        }

        @Override
        public void run() {
            try {
                deliver(this.message);
            }
            finally {
                Attempt next = DeliveryWorkers.this.lanes.finished(this.host);
                if (next != null && !execute(next)) {
                    // Stopping: its claim is released with the others left.
                    DeliveryWorkers.this.inFlight.remove(next.message.id());
                }
            }
        }

    }

    private void observe(AttemptResult result, long nanos) {
        try {
            this.observer.attempted(result.status(), nanos);
        }
        catch (RuntimeException ex) {
            logger.debug("An attempt observer failed", ex);
        }
    }

    private void recordLoop(Recorded recorded) {
        while (this.running || !this.outcomes.isEmpty()) {
            List<Outcome> batch = new ArrayList<>();
            List<String> due = List.of();
            try {
                Outcome first = this.outcomes.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                this.outcomes.drainTo(batch, this.batchSize - 1);
                due = recordSafely(batch);
            }
            catch (InterruptedException ex) {
                if (!this.running) {
                    return;
                }
            }
            finally {
                boolean flowControlled = false;
                for (Outcome outcome : batch) {
                    flowControlled |= outcome.message().envelope().flowControlKey() != null;
                    this.inFlight.remove(outcome.message().id());
                }
                if (!batch.isEmpty()) {
                    recorded.recorded(batch.stream().map(Outcome::message).toList(), due, flowControlled);
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
                logger.warn("Recording the outcome of " + batch.get(0).message().id()
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

    /** What the dispatcher learns after each recorded batch. */
    @FunctionalInterface
    interface Recorded {

        /**
         * A batch of outcomes was recorded (or failed to be: its messages are redelivered
         * when their leases expire).
         * @param messages the messages of the batch (their slots are free again)
         * @param due the messages that became due (callbacks, queue turns, immediate
         * retries)
         * @param flowControlled whether a message of the batch had a flow-control key
         */
        void recorded(List<StoredMessage> messages, List<String> due, boolean flowControlled);

    }

}
