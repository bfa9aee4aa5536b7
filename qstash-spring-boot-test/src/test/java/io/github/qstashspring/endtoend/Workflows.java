package io.github.qstashspring.endtoend;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.qstashspring.endtoend.WorkflowTestApplication.Journal;
import io.github.qstashspring.workflow.CallRequest;
import io.github.qstashspring.workflow.CallResponse;
import io.github.qstashspring.workflow.InvokeRequest;
import io.github.qstashspring.workflow.InvokeResult;
import io.github.qstashspring.workflow.NotifyResult;
import io.github.qstashspring.workflow.QStashWorkflow;
import io.github.qstashspring.workflow.WaitResult;
import io.github.qstashspring.workflow.Webhook;
import io.github.qstashspring.workflow.WebhookResult;
import io.github.qstashspring.workflow.WorkflowContext;
import io.github.qstashspring.workflow.WorkflowFailure;
import io.github.qstashspring.workflow.WorkflowStep;
import org.jspecify.annotations.Nullable;

/**
 * The workflows under test. Every step body records in the {@link Journal} under the
 * order id, so a test sees each body that ran, however often the workflow was replayed.
 */
class Workflows {

    private final Journal journal;

    /** The webhook URL of each order's fulfilment run, for the test to call. */
    final Map<String, String> webhooks = new ConcurrentHashMap<>();

    Workflows(Journal journal) {
        this.journal = journal;
    }

    /**
     * Every step kind in one run: run, sleep, sleepUntil, call, two waits (one notified,
     * one timing out), notify, parallel runs, invoke, createWebhook and waitForWebhook.
     */
    @QStashWorkflow("/workflows/fulfil")
    Summary fulfil(WorkflowContext<Order> context) {
        Order order = context.requestPayload();
        String id = order.id();
        Receipt receipt = context.run("charge", Receipt.class, () -> {
            this.journal.record(id, "charge");
            return new Receipt(id, order.amount());
        });
        context.sleep("cool-down", Duration.ofMinutes(10));
        context.sleepUntil("wake-up", Instant.ofEpochSecond(order.wakeAt()));
        CallResponse<Quote> quote = context.call("quote",
                CallRequest.post(URI.create(context.workflowUrl()).resolve("/shop/quotes").toString())
                    .json(order)
                    .header("X-Shop-Key", "k-1"),
                Quote.class);
        WaitResult<Shipment> shipment = context.waitForEvent("await-shipment", "shipment-" + id, Duration.ofDays(1),
                Shipment.class);
        WaitResult<String> review = context.waitForEvent("await-review", "review-" + id, Duration.ofHours(1),
                String.class);
        NotifyResult packers = context.notify("notify-packers", "packed-" + id, shipment.eventData());
        WorkflowStep<Integer> left = WorkflowStep.run("pick-left", Integer.class, () -> {
            this.journal.record(id, "pick-left");
            return 1;
        });
        WorkflowStep<Integer> right = WorkflowStep.run("pick-right", Integer.class, () -> {
            this.journal.record(id, "pick-right");
            return 2;
        });
        context.parallel(left, right);
        InvokeResult<Invoice> invoice = context.invoke("invoice",
                InvokeRequest.workflow("/workflows/invoice").json(order), Invoice.class);
        Webhook webhook = context.createWebhook("create-webhook");
        context.run("publish-webhook", () -> {
            this.journal.record(id, "publish-webhook");
            this.webhooks.put(id, webhook.webhookUrl());
        });
        WebhookResult paid = context.waitForWebhook("await-webhook", webhook, Duration.ofHours(1));
        return new Summary(receipt, quote.status(), header(quote, "X-Quote-Id"), quote.body(), shipment.timedOut(),
                shipment.eventData(), review.timedOut(), packers.notifyResponse().size(),
                left.result() + right.result(), invoice.failed(), invoice.body(), paid.timedOut(),
                (paid.request() != null) ? paid.request().method() + " " + paid.request().text() : null);
    }

    private static @Nullable String header(CallResponse<?> response, String name) {
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    /** Invoked by {@link #fulfil}: its own run, whose result goes back to the invoker. */
    @QStashWorkflow("/workflows/invoice")
    Invoice invoice(WorkflowContext<Order> context) {
        Order order = context.requestPayload();
        return context.run("number", Invoice.class, () -> {
            this.journal.record(order.id(), "invoice numbered");
            return new Invoice(order.id(), "INV-" + order.id());
        });
    }

    /** Waits for the event {@link #fulfil} notifies, or times out. */
    @QStashWorkflow("/workflows/packer")
    Packing pack(WorkflowContext<String> context) {
        WaitResult<Shipment> packed = context.waitForEvent("await-packed", "packed-" + context.requestPayload(),
                Duration.ofDays(7), Shipment.class);
        return new Packing(packed.timedOut(), packed.eventData());
    }

    /** A step that fails; the run fails and its failure handler runs. */
    @QStashWorkflow(path = "/workflows/doomed", failureHandler = "compensate")
    void doomed(WorkflowContext<Order> context) {
        String id = context.requestPayload().id();
        context.run("reserve", () -> this.journal.record(id, "reserve"));
        context.run("ship", () -> {
            this.journal.record(id, "ship attempt");
            throw new IllegalStateException("warehouse on fire");
        });
        context.run("after-ship", () -> this.journal.record(id, "after-ship"));
    }

    String compensate(WorkflowFailure<Order> failure) {
        this.journal.record(failure.context().requestPayload().id(),
                "failure handler: " + failure.failStatus() + " " + failure.failResponse());
        return "compensated";
    }

    /** Cancels itself after its first step. */
    @QStashWorkflow("/workflows/self-cancelling")
    String selfCancelling(WorkflowContext<Order> context) {
        String id = context.requestPayload().id();
        context.run("before-cancel", () -> this.journal.record(id, "before-cancel"));
        context.cancel();
        context.run("after-cancel", () -> this.journal.record(id, "after-cancel"));
        return "not reached";
    }

    /** Sleeps for a day between two steps; cancelled from outside meanwhile. */
    @QStashWorkflow("/workflows/sleeper")
    void sleeper(WorkflowContext<Order> context) {
        String id = context.requestPayload().id();
        context.run("before-sleep", () -> this.journal.record(id, "before-sleep"));
        context.sleep("long-sleep", Duration.ofDays(1));
        context.run("after-sleep", () -> this.journal.record(id, "after-sleep"));
    }

    /**
     * An order to fulfil.
     *
     * @param id the order id
     * @param amount the amount to charge
     * @param wakeAt when the fulfilment wakes up after its sleeps, Unix seconds
     */
    record Order(String id, int amount, long wakeAt) {
    }

    record Receipt(String orderId, int charged) {
    }

    record Quote(String orderId, int shippingCents) {
    }

    record Shipment(String carrier, String tracking) {
    }

    record Invoice(String orderId, String number) {
    }

    record Packing(boolean timedOut, @Nullable Shipment shipment) {
    }

    /** What a fulfilment run returns: what each of its steps returned. */
    record Summary(Receipt receipt, int quoteStatus, @Nullable String quoteId, @Nullable Quote quote,
            boolean shipmentTimedOut, @Nullable Shipment shipment, boolean reviewTimedOut, int packersNotified,
            int picked, boolean invoiceFailed, @Nullable Invoice invoice, boolean webhookTimedOut,
            @Nullable String webhookCall) {
    }

}
