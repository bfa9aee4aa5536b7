package io.github.qstashspring.listener;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
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
    byte[] echo(HttpServletRequest request) throws IOException {
        byte[] received = StreamUtils.copyToByteArray(request.getInputStream());
        this.invocations.record("echo", received);
        return received;
    }

    @QStashVerified
    @PostMapping("/webhooks/form")
    String form(@RequestParam String a, @RequestParam List<String> b) {
        this.invocations.record("form", a + "|" + b);
        return a + "|" + b;
    }

    @QStashVerified
    @PostMapping("/webhooks/order")
    TestListeners.OrderReceipt order(@RequestBody TestListeners.Order order) {
        this.invocations.record("verified-order", order);
        return new TestListeners.OrderReceipt(order.id(), "verified");
    }

}
