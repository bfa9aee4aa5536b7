package io.github.qstashspring.test;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.listener.QStashCallbackPayload;
import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashNonRetryableException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the test support is tried on: a REST endpoint that publishes to its own
 * listener, an order listener, a failing one, a callback receiver.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class OrderTestApplication {

    @Bean
    OrderController orderController(ObjectProvider<QStashOperations> qstash) {
        return new OrderController(qstash);
    }

    @Bean
    OrderListeners orderListeners() {
        return new OrderListeners();
    }

    /** An order as it travels in JSON. */
    public record Order(String id, int quantity) {
    }

    /** Listeners of the application. */
    public static class OrderListeners {

        /** When set, {@code /qstash/payments} fails with 500 (retried). */
        public final AtomicBoolean paymentsDown = new AtomicBoolean();

        @QStashListener(path = "/qstash/orders")
        String onOrder(Order order) {
            if (order.quantity() <= 0) {
                throw new QStashNonRetryableException("quantity must be positive");
            }
            return "accepted " + order.id();
        }

        @QStashListener(path = "/qstash/payments")
        void onPayment(String payment) {
            if (this.paymentsDown.get()) {
                throw new IllegalStateException("payment provider down");
            }
        }

        @QStashListener(path = "/qstash/callbacks")
        void onCallback(QStashCallbackPayload callback) {
        }

    }

}
