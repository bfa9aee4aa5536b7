package io.github.qstashspring.sample.messaging;

import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.sample.order.OrderBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ships orders, one at a time and in order: deliveries come from the FIFO queue
 * {@code shipments}.
 */
@Component
class ShipmentListener {

    private static final Logger logger = LoggerFactory.getLogger(ShipmentListener.class);

    private final OrderBook book;

    ShipmentListener(OrderBook book) {
        this.book = book;
    }

    @QStashListener(path = ListenerPaths.SHIPMENTS, skipDuplicates = true)
    void ship(Shipment shipment) {
        logger.info("Shipped {} x {} for order {}", shipment.quantity(), shipment.item(), shipment.orderId());
        this.book.shipped(shipment.orderId());
    }

}
