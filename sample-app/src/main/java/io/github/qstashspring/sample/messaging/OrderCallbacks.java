package io.github.qstashspring.sample.messaging;

import io.github.qstashspring.listener.QStashCallbackPayload;
import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.sample.order.Order;
import io.github.qstashspring.sample.order.OrderBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * QStash's reports about the processing messages: the callback after each delivery
 * attempt and the failure callback when a message ended in the DLQ. Both carry the
 * original message, from which the order is read.
 */
@Component
class OrderCallbacks {

    private static final Logger logger = LoggerFactory.getLogger(OrderCallbacks.class);

    private final OrderBook book;

    private final JsonMapper json;

    OrderCallbacks(OrderBook book, JsonMapper json) {
        this.book = book;
        this.json = json;
    }

    @QStashListener(ListenerPaths.ORDER_CALLBACK)
    void delivered(QStashCallbackPayload callback) {
        Order order = this.json.readValue(callback.sourceBody(), Order.class);
        if (!callback.isSuccess()) {
            // QStash calls the callback after every attempt, failed ones included.
            logger.info("QStash reports that processing order {} was answered {}", order.id(), callback.status());
            this.book.note(order.id(), "attempt " + (callback.retried() + 1) + " answered " + callback.status());
            return;
        }
        logger.info("QStash confirmed order {}: the processor answered {} \"{}\"", order.id(), callback.status(),
                callback.bodyAsString());
        this.book.confirmed(order.id(), callback.status());
    }

    @QStashListener(ListenerPaths.ORDER_FAILURE_CALLBACK)
    void failed(QStashCallbackPayload callback) {
        Order order = this.json.readValue(callback.sourceBody(), Order.class);
        logger.warn("Order {} failed for good after {} retries: {} {} (DLQ id {})", order.id(), callback.retried(),
                callback.status(), callback.bodyAsString(), callback.dlqId());
        this.book.rejected(order.id(), callback.dlqId(), callback.bodyAsString());
    }

}
