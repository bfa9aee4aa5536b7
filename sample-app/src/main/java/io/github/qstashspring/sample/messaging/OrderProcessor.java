package io.github.qstashspring.sample.messaging;

import java.util.OptionalInt;

import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashMessage;
import io.github.qstashspring.listener.QStashNonRetryableException;
import io.github.qstashspring.sample.order.Catalog;
import io.github.qstashspring.sample.order.Order;
import io.github.qstashspring.sample.order.OrderBook;
import io.github.qstashspring.sample.order.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Processes orders delivered by QStash: checks the item against the catalogue, then
 * enqueues the shipment (FIFO queue) and announces the order (URL group). (The order's
 * fulfilment workflow requests the payment.) An item the shop does not sell can never
 * succeed, so it is refused with {@link QStashNonRetryableException}: QStash does not
 * retry, moves the message to the DLQ and calls the failure callback.
 */
@Component
class OrderProcessor {

    private static final Logger logger = LoggerFactory.getLogger(OrderProcessor.class);

    private final Catalog catalog;

    private final OrderBook book;

    private final OrderMessaging messaging;

    OrderProcessor(Catalog catalog, OrderBook book, OrderMessaging messaging) {
        this.catalog = catalog;
        this.book = book;
        this.messaging = messaging;
    }

    @QStashListener(path = ListenerPaths.ORDERS, skipDuplicates = true)
    String process(QStashMessage<Order> message) {
        Order order = message.payload();
        logger.info("Processing order {} ({} x {}), message {}, attempt {}", order.id(), order.quantity(), order.item(),
                message.messageId(), message.retried() + 1);
        OptionalInt price = this.catalog.priceOf(order.item());
        if (price.isEmpty()) {
            logger.warn("Order {} refused: unknown item {}", order.id(), order.item());
            throw new QStashNonRetryableException("unknown item: " + order.item());
        }
        this.book.advance(order.id(), OrderStatus.PROCESSED, "processed");
        this.messaging.ship(new Shipment(order.id(), order.item(), order.quantity()));
        this.messaging.announce(new OrderEvent(order.id(), "order.accepted"));
        return "processed order " + order.id();
    }

}
