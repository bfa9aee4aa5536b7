package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A servlet filter in front of a real workflow endpoint that lets a crash test hold
 * deliveries as {@link FakeWorkflowEndpoint} holds its own: a delivery held is not handed
 * to the endpoint (nothing of the workflow runs) and is answered 503 once
 * {@link #release() released}. Deliveries of a run are held while a
 * {@link #holdWhen(String, BooleanSupplier) condition} of the run holds, and every
 * delivery after {@link #freeze()}. With {@link #settled(BrokerClient)} a test waits
 * until the broker recorded the outcome of every delivery the endpoint answered, so that
 * a kill then leaves no step executed whose delivery the broker would repeat.
 */
public final class DeliveryGate implements Filter {

    private final Map<String, BooleanSupplier> holds = new ConcurrentHashMap<>();

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    private final Set<String> deliveredAfterRelease = ConcurrentHashMap.newKeySet();

    /** Deliveries answered 200 whose removal from the broker was not seen yet. */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    private final List<String> problems = new CopyOnWriteArrayList<>();

    private final AtomicInteger executing = new AtomicInteger();

    private final CountDownLatch released = new CountDownLatch(1);

    private volatile boolean frozen;

    /**
     * Holds the deliveries of a run that arrive while a condition is true, until
     * {@link #release()}.
     * @param runId the run
     * @param condition when to hold
     */
    public void holdWhen(String runId, BooleanSupplier condition) {
        this.holds.put(runId, condition);
    }

    /** Holds every delivery from now on until {@link #release()}. */
    public void freeze() {
        this.frozen = true;
    }

    /**
     * Answers the held deliveries 503 without handing them to the endpoint (the broker
     * that sent them is gone) and hands every delivery from now on to the endpoint.
     */
    public void release() {
        this.frozen = false;
        this.released.countDown();
    }

    /**
     * Whether the broker has recorded the outcome of every delivery the endpoint
     * answered: none is executing, and each answered message is gone from the broker
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
     * @return whether a delivery of the run is held
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

    /**
     * @return the deliveries the endpoint answered with another status than 200: a step
     * failed, or a call to the broker
     */
    public List<String> problems() {
        return List.copyOf(this.problems);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String runId = ((HttpServletRequest) request).getHeader("Upstash-Workflow-RunId");
        String messageId = ((HttpServletRequest) request).getHeader("Upstash-Message-Id");
        if (runId == null || messageId == null) {
            chain.doFilter(request, response);
            return;
        }
        if (this.released.getCount() == 0) {
            this.deliveredAfterRelease.add(runId);
        }
        if (!startExecuting(runId)) {
            this.held.add(runId);
            awaitRelease();
            ((HttpServletResponse) response).setStatus(503);
            return;
        }
        try {
            chain.doFilter(request, response);
            int status = ((HttpServletResponse) response).getStatus();
            if (status == 200) {
                this.answered.add(messageId);
            }
            else {
                this.problems.add("delivery " + messageId + " of " + runId + " answered " + status);
            }
        }
        finally {
            this.executing.decrementAndGet();
        }
    }

    /**
     * Counts the delivery as executing unless it is to be held: counted first, so that
     * once {@link #freeze()} returned and nothing executes, nothing can start.
     */
    private boolean startExecuting(String runId) {
        this.executing.incrementAndGet();
        BooleanSupplier hold = this.holds.get(runId);
        if (this.frozen || (hold != null && this.released.getCount() > 0 && hold.getAsBoolean())) {
            this.executing.decrementAndGet();
            return false;
        }
        return true;
    }

    private void awaitRelease() {
        try {
            this.released.await(2, TimeUnit.MINUTES);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
