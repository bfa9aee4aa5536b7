package io.github.qstashspring.broker.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs units of transactional work from many threads in shared transactions: a caller
 * that finds fewer than {@code maxConcurrent} transactions running becomes the leader,
 * takes every unit waiting at that moment (up to {@code maxBatch}) and runs them in one
 * transaction; the others wait until their unit has committed. One commit then
 * acknowledges many units, which is what makes a commit-bound database fast under
 * concurrent load, while a lone caller runs its own unit at once.
 * <p>
 * Under load a commit is short compared with the time between arrivals, so a leader that
 * committed at once would mostly commit one unit. A leader therefore waits for units that
 * are on their way when arrivals are frequent (their average gap is below
 * {@code lingerGap}): as long as units keep arriving, each within about two average gaps,
 * and for at most {@code maxLinger} in all ({@link Linger}). A lone caller on an idle
 * broker commits at once.
 * <p>
 * Each unit still succeeds or fails on its own: when a shared transaction fails, its
 * units are run again one per transaction, so only the unit that caused the failure sees
 * it. A unit therefore must not have effects outside the transaction that a rollback
 * would not undo (use transaction synchronizations for those). {@link #execute} returns
 * only after the unit's transaction committed; the status a unit is given is its shared
 * transaction's (it must not mark it rollback-only: throw instead).
 */
final class GroupCommit implements TransactionOperations {

    private final TransactionTemplate transactions;

    private final int maxConcurrent;

    private final int maxBatch;

    private final Linger linger;

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition finished = this.lock.newCondition();

    private final Condition arrived = this.lock.newCondition();

    private final ArrayDeque<Unit<?>> waiting = new ArrayDeque<>();

    private int running;

    /**
     * Creates a group commit over the broker's transactions.
     * @param transactions the transactions
     * @param maxConcurrent the most shared transactions running at once
     * @param maxBatch the most units in one transaction
     * @param lingerGap the average time between arrivals below which a leader waits for
     * more units
     * @param maxLinger the longest a leader waits for more units
     */
    GroupCommit(TransactionTemplate transactions, int maxConcurrent, int maxBatch, Duration lingerGap,
            Duration maxLinger) {
        this.transactions = transactions;
        this.maxConcurrent = Math.max(1, maxConcurrent);
        this.maxBatch = Math.max(1, maxBatch);
        this.linger = new Linger(lingerGap, maxLinger);
    }

    @Override
    public <T> @Nullable T execute(TransactionCallback<T> action) {
        return run(new Unit<>(action));
    }

    /**
     * Runs the work in a transaction, possibly shared with the work of other threads.
     * @param <T> the result type
     * @param work the work; it may run on another caller's thread
     * @return the work's result, once its transaction committed
     * @throws RuntimeException what the work (run alone) or its commit threw
     */
    <T> @Nullable T execute(Supplier<T> work) {
        return run(new Unit<>((status) -> work.get()));
    }

    private <T> @Nullable T run(Unit<T> unit) {
        this.lock.lock();
        try {
            this.linger.arrived(System.nanoTime());
            this.waiting.add(unit);
            this.arrived.signalAll();
            while (!unit.done) {
                if (this.running < this.maxConcurrent && !this.waiting.isEmpty()) {
                    lead();
                }
                else {
                    this.finished.awaitUninterruptibly();
                }
            }
        }
        finally {
            this.lock.unlock();
        }
        return unit.result();
    }

    /** Takes the waiting units and runs them; called and returns with the lock held. */
    private void lead() {
        this.running++;
        linger();
        List<Unit<?>> batch = new ArrayList<>(Math.min(this.waiting.size(), this.maxBatch));
        while (!this.waiting.isEmpty() && batch.size() < this.maxBatch) {
            batch.add(this.waiting.poll());
        }
        this.lock.unlock();
        try {
            run(batch);
        }
        finally {
            this.lock.lock();
            this.running--;
            for (Unit<?> unit : batch) {
                unit.done = true;
            }
            this.finished.signalAll();
        }
    }

    /**
     * Under load, waits (lock held, released while waiting) for units that are on their
     * way.
     */
    private void linger() {
        long start = System.nanoTime();
        int seen = this.waiting.size();
        while (seen < this.maxBatch) {
            long wait = this.linger.nextWait(System.nanoTime() - start);
            if (wait <= 0) {
                return;
            }
            try {
                this.arrived.awaitNanos(wait);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            if (this.waiting.size() == seen) {
                // Nobody came within about two average gaps: the burst is over.
                return;
            }
            seen = this.waiting.size();
        }
    }

    private void run(List<Unit<?>> batch) {
        if (batch.size() > 1) {
            try {
                this.transactions.executeWithoutResult((status) -> batch.forEach((unit) -> unit.run(status)));
                return;
            }
            catch (RuntimeException ex) {
                // One unit failed the shared transaction: run each alone so that only it
                // fails.
            }
        }
        for (Unit<?> unit : batch) {
            try {
                this.transactions.executeWithoutResult(unit::run);
            }
            catch (RuntimeException ex) {
                unit.succeeded = false;
                unit.failure = ex;
            }
        }
    }

    private static final class Unit<T> {

        private final TransactionCallback<T> work;

        private @Nullable T value;

        private @Nullable RuntimeException failure;

        /** Guarded by the group commit's lock. */
        private boolean done;

        Unit(TransactionCallback<T> work) {
            this.work = work;
        }

        private boolean succeeded;

        void run(TransactionStatus status) {
            this.value = this.work.doInTransaction(status);
            this.succeeded = true;
        }

        @Nullable T result() {
            if (this.failure != null) {
                throw this.failure;
            }
            if (!this.succeeded) {
                throw new IllegalStateException("the transaction of this work did not complete");
            }
            return this.value;
        }

    }

}
