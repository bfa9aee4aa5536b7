package io.github.qstashspring.sample.messaging;

import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.sample.order.OrderBook;
import io.github.qstashspring.sample.order.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Charges orders. QStash paces these deliveries with the flow-control key of the payments. */
@Component
class PaymentListener {

    private static final Logger logger = LoggerFactory.getLogger(PaymentListener.class);

    private final OrderBook book;

    PaymentListener(OrderBook book) {
        this.book = book;
    }

    @QStashListener(path = ListenerPaths.PAYMENTS, skipDuplicates = true)
    void charge(PaymentRequest payment) {
        logger.info("Charged {} cents for order {}", payment.amountCents(), payment.orderId());
        this.book.advance(payment.orderId(), OrderStatus.PAID, "paid " + payment.amountCents() + " cents");
    }
}
