package io.github.qstashspring.listener;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import io.github.qstashspring.signature.QStashSignatureClaims;

/** Listener methods covering every parameter type and outcome. */
class TestListeners {

    private final Invocations invocations;

    /** Released each time {@link #onceHeld} runs. */
    final Semaphore heldRunning = new Semaphore(0);

    /** What {@link #onceHeld} waits for before it returns. */
    volatile CountDownLatch holdRelease = new CountDownLatch(0);

    TestListeners(Invocations invocations) {
        this.invocations = invocations;
    }

    @QStashListener(path = "${app.hooks}/raw", id = "raw")
    void raw(byte[] body) {
        this.invocations.record("raw", body);
    }

    @QStashListener(path = "${app.hooks}/order", id = "order")
    OrderReceipt order(Order order) {
        this.invocations.record("order", order);
        return new OrderReceipt(order.id(), "accepted");
    }

    @QStashListener(path = "${app.hooks}/text", id = "text")
    String text(String body) {
        this.invocations.record("text", body);
        return "got " + body.length() + " chars";
    }

    @QStashListener(path = "${app.hooks}/tree", id = "tree")
    void tree(JsonNode tree) {
        this.invocations.record("tree", tree);
    }

    @QStashListener(path = "${app.hooks}/message", id = "message")
    void message(QStashMessage<Order> message, HttpHeaders headers, QStashSignatureClaims claims) {
        this.invocations.record("message", message);
        this.invocations.record("message", headers);
        this.invocations.record("message", claims);
    }

    @QStashListener(path = "${app.hooks}/callback", id = "callback")
    void callback(QStashCallbackPayload payload) {
        this.invocations.record("callback", payload);
    }

    @QStashListener(path = "${app.hooks}/fail", id = "fail")
    void fail(String instruction) {
        this.invocations.record("fail", instruction);
        switch (instruction) {
            case "boom" -> throw new IllegalStateException("database down: password=hunter2");
            case "reject" -> throw new QStashNonRetryableException("order 7 is cancelled");
            case "handled" -> throw new AlreadyHandledException();
            default -> {
            }
        }
    }

    @QStashListener(path = "${app.hooks}/entity", id = "entity")
    ResponseEntity<String> entity(String body) {
        this.invocations.record("entity", body);
        return ResponseEntity.accepted().header("X-Seen", body).body("queued");
    }

    @QStashListener(path = "${app.hooks}/once", id = "once", skipDuplicates = true)
    void once(QStashMessage<String> message) {
        this.invocations.record("once", message.payload());
        if ("fail-first".equals(message.payload()) && !message.isRedelivery()) {
            throw new IllegalStateException("first attempt fails");
        }
    }

    @QStashListener(path = "${app.hooks}/once-held", id = "once-held", skipDuplicates = true)
    void onceHeld(String body) throws InterruptedException {
        this.invocations.record("once-held", body);
        this.heldRunning.release();
        if (!this.holdRelease.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The test never released the held delivery");
        }
    }

    /** A JSON payload. */
    record Order(String id, int quantity) {
    }

    /** A JSON response. */
    record OrderReceipt(String id, String status) {
    }

    /** Mapped to 202 by the test application's error handler. */
    static class AlreadyHandledException extends RuntimeException {

    }

}
