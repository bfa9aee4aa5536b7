package io.github.qstashspring.sample.messaging;

import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashMessage;
import io.github.qstashspring.sample.order.OrderBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The two endpoints of the order-events URL group. In a real system they would be
 * separate services; here they note in the order's history that they saw the event.
 */
@Component
class OrderEventListeners {

    private static final Logger logger = LoggerFactory.getLogger(OrderEventListeners.class);

    private final OrderBook book;

    OrderEventListeners(OrderBook book) {
        this.book = book;
    }

    @QStashListener(ListenerPaths.EVENTS_BILLING)
    void billing(QStashMessage<OrderEvent> message) {
        seen("billing", message);
    }

    @QStashListener(ListenerPaths.EVENTS_ANALYTICS)
    void analytics(QStashMessage<OrderEvent> message) {
        seen("analytics", message);
    }

    private void seen(String endpoint, QStashMessage<OrderEvent> message) {
        OrderEvent event = message.payload();
        logger.info("{} received {} of order {} through URL group {}", endpoint, event.type(), event.orderId(),
                message.urlGroup());
        this.book.note(event.orderId(), endpoint + " saw " + event.type() + " from URL group " + message.urlGroup());
    }

}
