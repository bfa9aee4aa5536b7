package io.github.qstashspring.broker.delivery;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The delivery slots of a dispatcher: a message takes one from its claim until its
 * outcome is recorded, so that at most {@code concurrency} times {@value #CLAIM_AHEAD}
 * messages are claimed and not yet recorded.
 */
final class DeliverySlots {

    /** Claimed-but-unrecorded messages allowed per delivery worker. */
    static final int CLAIM_AHEAD = 4;

    private final Semaphore free;

    private final AtomicInteger taken = new AtomicInteger();

    DeliverySlots(int concurrency) {
        this.free = new Semaphore(concurrency * CLAIM_AHEAD);
    }

    /**
     * Takes free slots.
     * @param wanted the most to take
     * @return how many were taken, from 0 to {@code wanted}
     */
    int take(int wanted) {
        int slots = 0;
        while (slots < wanted && this.free.tryAcquire()) {
            slots++;
        }
        this.taken.addAndGet(slots);
        return slots;
    }

    /**
     * Gives slots back.
     * @param count how many
     */
    void giveBack(int count) {
        if (count > 0) {
            this.taken.addAndGet(-count);
            this.free.release(count);
        }
    }

    /**
     * @return whether a slot is free
     */
    boolean anyFree() {
        return this.free.availablePermits() > 0;
    }

    /**
     * @return whether no slot is taken
     */
    boolean noneTaken() {
        return this.taken.get() == 0;
    }

}
