package io.github.qstashspring.broker.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.qstashspring.broker.store.StoredMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends claimed messages on a pool of {@code concurrency} threads and records their
 * outcomes in batches on one recorder thread; after each batch it gives the batch's slots
 * back and tells the dispatcher which messages became due.
 */
final class DeliveryWorkers {

    private static final Log logger = LogFactory.getLog(DeliveryWorkers.class);

    private final HttpDeliverer deliverer;

    private final SigningKeys signingKeys;

    private final OutcomeRecorder outcomeRecorder;

    private final int concurrency;

    private final int batchSize;

    private final Dispatcher.AttemptObserver observer;

    private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private volatile boolean running;

    private ExecutorService pool = Executors.newSingleThreadExecutor();

    private Thread recorder = new Thread(() -> {
    });

    DeliveryWorkers(HttpDeliverer deliverer, SigningKeys signingKeys, OutcomeRecorder outcomeRecorder, int concurrency,
            int batchSize, Dispatcher.AttemptObserver observer) {
        this.deliverer = deliverer;
        this.signingKeys = signingKeys;
        this.outcomeRecorder = outcomeRecorder;
        this.concurrency = concurrency;
        this.batchSize = batchSize;
        this.observer = observer;
    }

    /**
     * Starts the threads.
     * @param recorded told after each recorded batch
     */
    void start(Recorded recorded) {
        this.running = true;
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.concurrency, (task) -> {
            Thread thread = new Thread(task, "qstash-delivery-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
        this.inFlight.add(message.id());
        try {
            this.pool.execute(() -> deliver(message));
            return true;
        }
        catch (RejectedExecutionException ex) {
            this.inFlight.remove(message.id());
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

    void stop() throws InterruptedException {
        this.running = false;
        this.recorder.interrupt();
        this.pool.shutdownNow();
        this.pool.awaitTermination(5, TimeUnit.SECONDS);
        this.recorder.join(5000);
        try {
            this.deliverer.close();
        }
        catch (Exception ex) {
            logger.debug("Closing the HTTP client failed", ex);
        }
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
        this.outcomes.add(new Outcome(message, result));
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
                    recorded.recorded(batch.size(), due, flowControlled);
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
         * @param count how many messages the batch held (their slots are free again)
         * @param due the messages that became due (callbacks, queue turns, immediate
         * retries)
         * @param flowControlled whether a message of the batch had a flow-control key
         */
        void recorded(int count, List<String> due, boolean flowControlled);

    }

}
