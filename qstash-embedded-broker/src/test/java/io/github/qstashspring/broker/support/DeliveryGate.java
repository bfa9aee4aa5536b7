package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A servlet filter in front of a real workflow endpoint that keeps its deliveries'
 * {@link DeliveryHolds}: a held delivery is not handed to the endpoint (nothing of the
 * workflow runs) and is answered 503 once released. Deliveries of a run are held while a
 * {@link #holdWhen(String, BooleanSupplier) condition} of the run is true, until the
 * release.
 */
public final class DeliveryGate implements Filter {

    private final DeliveryHolds holds = new DeliveryHolds();

    private final Map<String, BooleanSupplier> conditions = new ConcurrentHashMap<>();

    private final List<String> problems = new CopyOnWriteArrayList<>();

    /**
     * Holds the deliveries of a run that arrive while a condition is true, until
     * {@link DeliveryHolds#release()}.
     * @param runId the run
     * @param condition when to hold
     */
    public void holdWhen(String runId, BooleanSupplier condition) {
        this.conditions.put(runId, condition);
    }

    /**
     * @return the deliveries held, executing and answered
     */
    public DeliveryHolds holds() {
        return this.holds;
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
        if (!enter(runId)) {
            ((HttpServletResponse) response).setStatus(503);
            return;
        }
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = ((HttpServletResponse) response).getStatus();
            if (status != 200) {
                this.problems.add("delivery " + messageId + " of " + runId + " answered " + status);
            }
        }
        finally {
            this.holds.exit(messageId, status == 200);
        }
    }

    private boolean enter(String runId) {
        BooleanSupplier condition = this.conditions.get(runId);
        try {
            return this.holds.enter(runId, condition != null && condition.getAsBoolean());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
