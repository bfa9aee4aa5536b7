package io.github.qstashspring.broker.delivery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.qstashspring.broker.store.StoredMessage;

/**
 * The delivery slots of a dispatcher: a message takes one from its claim until its
 * outcome is recorded, so that at most {@code concurrency} times {@value #CLAIM_AHEAD}
 * messages are claimed and not yet recorded. A slot is taken before the claim (the
 * destination is not known yet) and then {@link #hold held} for the message's destination
 * host, of which at most {@code maxPerHost} times {@value #CLAIM_AHEAD} may be held: a
 * slow host cannot take every slot.
 */
final class DeliverySlots {

    /** Claimed-but-unrecorded messages allowed per delivery worker. */
    static final int CLAIM_AHEAD = 4;

    private final Semaphore free;

    private final AtomicInteger taken = new AtomicInteger();

    private final int perHost;

    private final Map<String, Integer> heldByHost = new HashMap<>();

    DeliverySlots(int concurrency, int maxPerHost) {
        this.free = new Semaphore(concurrency * CLAIM_AHEAD);
        this.perHost = maxPerHost * CLAIM_AHEAD;
    }

    /**
     * The host whose limit a message counts against: its URL's host as stored (so that
     * the claim can leave out the messages of full hosts).
     * @param message the message
     * @return the host, empty when the URL has none
     */
    static String hostOf(StoredMessage message) {
        String host = message.envelope().urlHost();
        return (host != null) ? host : "";
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
     * Holds a taken slot for a message's host, unless the host holds its most already.
     * @param message the claimed message
     * @return whether it was held (if not, the message must not be delivered now)
     */
    synchronized boolean hold(StoredMessage message) {
        String host = hostOf(message);
        int held = this.heldByHost.getOrDefault(host, 0);
        if (held >= this.perHost) {
            return false;
        }
        this.heldByHost.put(host, held + 1);
        return true;
    }

    /**
     * Ends the hold of a message's slot for its host (the slot itself is given back with
     * {@link #giveBack}).
     * @param message the message
     * @return whether its host was full before
     */
    synchronized boolean unhold(StoredMessage message) {
        String host = hostOf(message);
        int held = this.heldByHost.getOrDefault(host, 0);
        if (held <= 1) {
            this.heldByHost.remove(host);
        }
        else {
            this.heldByHost.put(host, held - 1);
        }
        return held >= this.perHost;
    }

    /**
     * @return the hosts that hold their most slots now
     */
    synchronized Set<String> fullHosts() {
        if (this.heldByHost.isEmpty()) {
            return Set.of();
        }
        Set<String> full = new HashSet<>();
        this.heldByHost.forEach((host, held) -> {
            if (held >= this.perHost) {
                full.add(host);
            }
        });
        return full;
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
