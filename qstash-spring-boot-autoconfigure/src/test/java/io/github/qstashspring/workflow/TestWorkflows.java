package io.github.qstashspring.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.github.qstashspring.client.FlowControl;
import io.github.qstashspring.listener.QStashNonRetryableException;

/**
 * The workflows the tests deliver to: one per step kind and situation. Each records in
 * {@link Journal} what ran, so a test can tell a replayed step from one that executed.
 */
public class TestWorkflows {

    static final String USER_TOKEN_ID = "defaultUser";

    private final Journal journal;

    TestWorkflows(Journal journal) {
        this.journal = journal;
    }

    /** A payload type. */
    public record Order(String id, int amount) {
    }

    /** A step result type. */
    public record Receipt(String orderId, String status) {
    }

    @QStashWorkflow("/workflows/run")
    public Map<String, Object> runSteps(WorkflowContext<Order> context) {
        Order order = context.requestPayload();
        Receipt receipt = context.run("charge", Receipt.class, () -> {
            this.journal.record("charge " + order.id());
            return new Receipt(order.id(), "charged");
        });
        String text = context.run("describe", String.class, () -> "order " + order.id());
        context.run("notify-shop", () -> this.journal.record("shop notified"));
        List<Integer> list = context.run("list",
                new org.springframework.core.ParameterizedTypeReference<List<Integer>>() {
                }, () -> List.of(1, 2));
        return Map.of("receipt", receipt, "text", text, "list", list);
    }

    @QStashWorkflow("/workflows/sleep")
    public void sleeps(WorkflowContext<String> context) {
        context.sleep("nap", Duration.ofSeconds(10));
        context.sleepUntil("alarm", Instant.ofEpochSecond(1893456000));
        this.journal.record("woke up");
    }

    @QStashWorkflow("/workflows/call")
    public Object calls(WorkflowContext<String> context) {
        CallResponse<JsonNode> response = context.call("fetch",
                CallRequest.post("https://api.example.com/quotes")
                    .body("{\"q\":1}")
                    .header("X-Key", "k")
                    .retries(2)
                    .timeout(Duration.ofSeconds(30))
                    .flowControl(FlowControl.key("api").rate(5)),
                JsonNode.class);
        this.journal.record("status " + response.status() + " body " + response.body());
        CallResponse<byte[]> raw = context.call("download", CallRequest.get("https://api.example.com/file"),
                byte[].class);
        this.journal.record("bytes " + raw.body().length);
        return response.body();
    }

    @QStashWorkflow("/workflows/call-order")
    public int callsForItsOrder(WorkflowContext<Order> context) {
        // Dereferences the payload before its first step, as most workflows do.
        String orderId = context.requestPayload().id();
        CallResponse<String> response = context.call("fetch",
                CallRequest.get("https://api.example.com/orders/" + orderId));
        this.journal.record("order " + orderId + " status " + response.status());
        return response.status();
    }

    @QStashWorkflow("/workflows/wait")
    public String waits(WorkflowContext<String> context) {
        WaitResult<Order> paid = context.waitForEvent("wait-payment", "payment-1", Duration.ofHours(1), Order.class);
        this.journal.record(paid.timedOut() ? "timed out" : "paid " + paid.eventData().amount());
        NotifyResult notified = context.notify("notify-shipping", "shipping-1", Map.of("ok", true));
        this.journal.record("notified " + notified.notifyResponse().size());
        return paid.timedOut() ? "timeout" : "paid";
    }

    @QStashWorkflow("/workflows/invoke")
    public String invokes(WorkflowContext<String> context) {
        InvokeResult<Receipt> child = context.invoke("invoke-child",
                InvokeRequest.workflow("/workflows/run").json(new Order("o-9", 9)).workflowRunId("child-1").retries(1),
                Receipt.class);
        this.journal.record("child " + (child.failed() ? "failed" : child.body().status()));
        return "done";
    }

    @QStashWorkflow("/workflows/webhook")
    public String webhooks(WorkflowContext<String> context) {
        Webhook webhook = context.createWebhook("create-hook");
        this.journal.record("hook " + webhook.webhookUrl());
        WebhookResult called = context.waitForWebhook("wait-hook", webhook, Duration.ofMinutes(30));
        this.journal.record(called.timedOut() ? "hook timed out"
                : "hook " + called.request().method() + " " + called.request().url() + " " + called.request().text());
        return "ok";
    }

    @QStashWorkflow("/workflows/parallel")
    public String parallel(WorkflowContext<String> context) {
        WorkflowStep<Integer> left = WorkflowStep.run("left", Integer.class, () -> {
            this.journal.record("left ran");
            return 1;
        });
        WorkflowStep<Void> nap = WorkflowStep.sleep("nap", Duration.ofSeconds(5));
        WorkflowStep<Integer> right = WorkflowStep.run("right", Integer.class, () -> {
            this.journal.record("right ran");
            return 2;
        });
        context.parallel(left, nap, right);
        int sum = context.run("sum", Integer.class, () -> left.result() + right.result());
        this.journal.record("sum " + sum);
        return "sum " + sum;
    }

    @QStashWorkflow("/workflows/parallel-mixed")
    public String parallelMixed(WorkflowContext<String> context) {
        WorkflowStep<CallResponse<String>> quote = WorkflowStep.call("quote",
                CallRequest.get("https://api.example.com/quote"), String.class);
        WorkflowStep<WaitResult<String>> approval = WorkflowStep.waitForEvent("approval", "approve-1",
                Duration.ofDays(1), String.class);
        WorkflowStep<InvokeResult<String>> child = WorkflowStep.invoke("child",
                InvokeRequest.workflow("run").body("{\"id\":\"o-2\",\"amount\":2}"), String.class);
        WorkflowStep<Void> until = WorkflowStep.sleepUntil("until", Instant.ofEpochSecond(1893456000));
        context.parallel(quote, approval, child, until);
        return quote.result().body() + " " + approval.result().eventData();
    }

    @QStashWorkflow(path = "/workflows/guarded", failureHandler = "guardFailed", retries = "${test.retries:5}",
            labels = { "guarded", "${test.label:tests}" }, flowControlKey = "guard",
            flowControlValue = "parallelism=2, rate=10, period=1m")
    public String guarded(WorkflowContext<Order> context) {
        if (!"yes".equals(context.headers().getFirst("x-allowed"))) {
            return "not allowed";
        }
        context.run("work", () -> this.journal.record("guarded work"));
        return "worked";
    }

    public String guardFailed(WorkflowFailure<Order> failure) {
        this.journal.record("failure " + failure.failStatus() + " " + failure.failResponse() + " payload "
                + failure.context().requestPayload() + " run " + failure.context().workflowRunId());
        return "handled " + failure.context().requestPayload().id();
    }

    @QStashWorkflow("/workflows/failing")
    public void failing(WorkflowContext<String> context) {
        String mode = context.requestPayload();
        context.run("fail", () -> {
            switch (mode) {
                case "checked" -> throw new java.io.IOException("disk full");
                case "final" -> throw new QStashNonRetryableException("order is invalid");
                case "later" -> throw new WorkflowRetryAfterException("rate limited", Duration.ofSeconds(30));
                case "nested" -> context.run("inner", () -> this.journal.record("inner"));
                default -> throw new IllegalStateException("boom");
            }
        });
    }

    @QStashWorkflow("/workflows/cancelling")
    public void cancelling(WorkflowContext<String> context) {
        context.run("before", () -> this.journal.record("before cancel"));
        context.cancel();
        this.journal.record("after cancel");
    }

    @QStashWorkflow("/workflows/swallowing")
    public String swallowing(WorkflowContext<String> context) {
        context.run("first", () -> this.journal.record("first"));
        try {
            context.run("second", () -> this.journal.record("second"));
        }
        catch (Throwable ex) {
            this.journal.record("swallowed " + ex.getClass().getSimpleName());
        }
        return "should not finish";
    }

}
