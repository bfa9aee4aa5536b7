package io.github.qstashspring.test;

import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.test.OrderTestApplication.Order;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Application code that publishes to the application's own listener: the listener URL is
 * built from the request being served, so it is right on a random test port and in-app
 * with no configuration.
 */
@RestController
class OrderController {

    private final ObjectProvider<QStashOperations> qstash;

    OrderController(ObjectProvider<QStashOperations> qstash) {
        this.qstash = qstash;
    }

    @PostMapping("/orders")
    String placeOrder(@RequestBody Order order) {
        String listenerUrl = ServletUriComponentsBuilder.fromCurrentContextPath().path("/qstash/orders").toUriString();
        return this.qstash.getObject().publishJson(listenerUrl, order).messageId();
    }

}
