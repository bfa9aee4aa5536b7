package io.github.qstashspring.inapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.qstashspring.broker.MutableClock;
import io.github.qstashspring.broker.autoconfigure.QStashBrokerClock;
import io.github.qstashspring.listener.QStashCallbackPayload;
import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashMessage;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A host application in in-app mode (no {@code @EmbeddedQStash}): its own listeners, and
 * the broker's clock supplied as a {@link QStashBrokerClock} bean.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class InAppTestApplication {

    @Bean
    QStashBrokerClock qstashBrokerClock() {
        return new QStashBrokerClock(new MutableClock());
    }

    @Bean
    Listeners listeners() {
        return new Listeners();
    }

    record Order(String id, int quantity) {
    }

    /** Listeners that remember what they received. */
    static class Listeners {

        final List<QStashMessage<Order>> orders = new CopyOnWriteArrayList<>();

        final List<QStashMessage<String>> flakyAttempts = new CopyOnWriteArrayList<>();

        final AtomicBoolean flakyFails = new AtomicBoolean(true);

        final List<QStashCallbackPayload> failures = new CopyOnWriteArrayList<>();

        final List<QStashCallbackPayload> callbacks = new CopyOnWriteArrayList<>();

        final List<QStashMessage<String>> texts = new CopyOnWriteArrayList<>();

        @QStashListener(path = "/qstash/orders")
        void onOrder(QStashMessage<Order> message) {
            this.orders.add(message);
        }

        @QStashListener(path = "/qstash/flaky")
        void onFlaky(QStashMessage<String> message) {
            this.flakyAttempts.add(message);
            if (this.flakyFails.get()) {
                throw new IllegalStateException("downstream unavailable");
            }
        }

        @QStashListener(path = "/qstash/failures")
        void onFailure(QStashCallbackPayload callback) {
            this.failures.add(callback);
        }

        @QStashListener(path = "/qstash/callbacks")
        void onCallback(QStashCallbackPayload callback) {
            this.callbacks.add(callback);
        }

        @QStashListener(path = "/qstash/texts")
        String onText(QStashMessage<String> message) {
            this.texts.add(message);
            return "echo: " + message.payload();
        }

        List<String> orderMessageIds() {
            return this.orders.stream().map(QStashMessage::messageId).toList();
        }

    }

}
