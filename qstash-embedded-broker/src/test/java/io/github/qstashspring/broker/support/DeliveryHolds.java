package io.github.qstashspring.broker.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a workflow endpoint of a crash test keeps of its deliveries, so that the test can
 * kill the broker with no step executed whose delivery the broker would repeat:
 * deliveries are <em>held</em> (nothing of them executed; the endpoint answers them 503
 * once {@link #release() released}) when the endpoint says so and every delivery after
 * {@link #freeze()}; executed deliveries answered 200 are remembered until the broker
 * recorded their outcome ({@link #settled(BrokerClient)}).
 */
public final class DeliveryHolds {

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    private final Set<String> deliveredAfterRelease = ConcurrentHashMap.newKeySet();

    /** Deliveries answered 200 whose removal from the broker was not seen yet. */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    private final AtomicInteger executing = new AtomicInteger();

    private final CountDownLatch released = new CountDownLatch(1);

    private volatile boolean frozen;

    /**
     * Starts a delivery of a run: holds it until {@link #release()} if the endpoint asks
     * for it (and the deliveries are not released yet) or after {@link #freeze()}, else
     * counts it as executing until {@link #exit}. Counted first, so that once
     * {@link #freeze()} returned and nothing executes, nothing can start.
     * @param runId the run
     * @param hold whether the endpoint holds this delivery until the release
     * @return {@code true} to execute the delivery, {@code false} when it was held (and
     * is released now, or the wait for the release was interrupted)
     * @throws InterruptedException when interrupted while held
     */
    public boolean enter(String runId, boolean hold) throws InterruptedException {
        if (isReleased()) {
            this.deliveredAfterRelease.add(runId);
        }
        this.executing.incrementAndGet();
        if (this.frozen || (hold && !isReleased())) {
            this.executing.decrementAndGet();
            this.held.add(runId);
            this.released.await(2, TimeUnit.MINUTES);
            return false;
        }
        return true;
    }

    /**
     * Ends a delivery that {@link #enter} let execute.
     * @param messageId the delivery's message id
     * @param answeredOk whether it was answered 200 (the broker deletes its message)
     */
    public void exit(String messageId, boolean answeredOk) {
        if (answeredOk) {
            answered(messageId);
        }
        this.executing.decrementAndGet();
    }

    /**
     * Remembers a delivery answered 200 without executing anything.
     * @param messageId the delivery's message id
     */
    public void answered(String messageId) {
        this.answered.add(messageId);
    }

    /** Holds every delivery from now on until {@link #release()}. */
    public void freeze() {
        this.frozen = true;
    }

    /**
     * Lets the held deliveries go (to be answered 503: the broker that sent them is gone)
     * and every delivery from now on execute.
     */
    public void release() {
        this.frozen = false;
        this.released.countDown();
    }

    /**
     * @return whether {@link #release()} was called
     */
    public boolean isReleased() {
        return this.released.getCount() == 0;
    }

    /**
     * Whether the broker has recorded the outcome of every delivery answered: none is
     * executing, and each answered message is gone from the broker
     * ({@code GET /v2/messages/<id>} 404), so that none of them can be delivered again.
     * @param broker a broker on the database
     * @return whether all are recorded
     */
    public boolean settled(BrokerClient broker) {
        if (this.executing.get() > 0) {
            return false;
        }
        this.answered.removeIf((messageId) -> broker.get("/v2/messages/" + messageId).status() == 404);
        return this.answered.isEmpty() && this.executing.get() == 0;
    }

    /**
     * @param runId a run
     * @return whether a delivery of the run was held
     */
    public boolean isHeld(String runId) {
        return this.held.contains(runId);
    }

    /**
     * @param runId a run
     * @return whether a delivery of the run arrived after {@link #release()}
     */
    public boolean deliveredAfterRelease(String runId) {
        return this.deliveredAfterRelease.contains(runId);
    }

}
