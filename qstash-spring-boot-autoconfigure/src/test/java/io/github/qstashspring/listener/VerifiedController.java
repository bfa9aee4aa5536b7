package io.github.qstashspring.listener;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A hand-written controller protected with {@link QStashVerified}. */
@RestController
class VerifiedController {

    private final Invocations invocations;

    VerifiedController(Invocations invocations) {
        this.invocations = invocations;
    }

    @QStashVerified
    @PostMapping("/webhooks/echo")
    byte[] echo(@RequestBody(required = false) byte[] body) {
        byte[] received = (body != null) ? body : new byte[0];
        this.invocations.record("echo", received);
        return received;
    }

    @QStashVerified
    @PostMapping("/webhooks/order")
    TestListeners.OrderReceipt order(@RequestBody TestListeners.Order order) {
        this.invocations.record("verified-order", order);
        return new TestListeners.OrderReceipt(order.id(), "verified");
    }
}
