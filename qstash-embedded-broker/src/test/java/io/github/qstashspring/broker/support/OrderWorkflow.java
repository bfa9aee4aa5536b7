package io.github.qstashspring.broker.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.qstashspring.workflow.QStashWorkflow;
import io.github.qstashspring.workflow.WaitResult;
import io.github.qstashspring.workflow.WorkflowContext;

/**
 * A workflow of the real Java SDK for crash tests: three {@code context.run} steps around
 * a {@code context.sleep} and a {@code context.waitForEvent}, each run step counting its
 * executions per run, so that a test can tell a step executed twice from one executed
 * once.
 */
public class OrderWorkflow {

    /** The workflow's path. */
    public static final String PATH = "/workflows/order";

    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    /**
     * Reserves, charges, sleeps, waits for the order's confirmation and ships.
     * @param context the run
     * @return what happened to the order
     */
    @QStashWorkflow(PATH)
    public String order(WorkflowContext<Order> context) {
        Order order = context.requestPayload();
        String runId = context.workflowRunId();
        String reserved = context.run("reserve", String.class, () -> execute(runId, "reserve", order));
        String charged = context.run("charge", String.class, () -> execute(runId, "charge", order));
        context.sleep("cool-down", Duration.ofSeconds(order.sleepSeconds()));
        WaitResult<String> confirmation = context.waitForEvent("confirm", confirmationEvent(order.id()),
                Duration.ofSeconds(order.waitSeconds()), String.class);
        String confirmed = confirmation.timedOut() ? "unconfirmed" : confirmation.eventData();
        String shipped = context.run("ship", String.class, () -> execute(runId, "ship", order));
        return String.join(", ", reserved, charged, confirmed, shipped);
    }

    /**
     * @param runId a run
     * @param step {@code reserve}, {@code charge} or {@code ship}
     * @return how many times the step's code ran in the run
     */
    public int executions(String runId, String step) {
        AtomicInteger count = this.executions.get(runId + "/" + step);
        return (count != null) ? count.get() : 0;
    }

    /**
     * @param orderId an order
     * @return the event its run waits for
     */
    public static String confirmationEvent(String orderId) {
        return "confirm-" + orderId;
    }

    private String execute(String runId, String step, Order order) {
        this.executions.computeIfAbsent(runId + "/" + step, (key) -> new AtomicInteger()).incrementAndGet();
        return step + " " + order.id();
    }

    /**
     * The payload of a run.
     *
     * @param id the order id
     * @param sleepSeconds how long the run sleeps after charging
     * @param waitSeconds how long it waits for the confirmation
     */
    public record Order(String id, long sleepSeconds, long waitSeconds) {
    }

}
