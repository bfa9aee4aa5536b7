package io.github.qstashspring.broker.schedule;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the {@link ScheduleTicker} when the earliest tick may have moved closer (a
 * schedule was created, replaced or resumed, or the clock was moved), so that it aims at
 * the new tick instead of finishing a sleep computed before. A wake-up that comes while
 * the ticker is busy is kept until its next wait, so none is lost.
 */
final class TickerWakeUp {

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition signalled = this.lock.newCondition();

    private boolean pending;

    /** Wakes the ticker now, or makes its next wait return at once. */
    void wake() {
        this.lock.lock();
        try {
            this.pending = true;
            this.signalled.signalAll();
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Waits until woken or until the time is up, and consumes the wake-up.
     * @param millis the most to wait, in milliseconds
     * @return whether it was woken
     * @throws InterruptedException when the ticker stops
     */
    boolean await(long millis) throws InterruptedException {
        this.lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!this.pending && nanos > 0) {
                nanos = this.signalled.awaitNanos(nanos);
            }
            boolean woken = this.pending;
            this.pending = false;
            return woken;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Whether a thread is waiting in {@link #await} now.
     * @return whether the ticker waits
     */
    boolean isWaiting() {
        this.lock.lock();
        try {
            return this.lock.hasWaiters(this.signalled);
        }
        finally {
            this.lock.unlock();
        }
    }

}
