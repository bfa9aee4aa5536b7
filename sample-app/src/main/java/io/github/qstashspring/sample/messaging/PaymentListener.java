package io.github.qstashspring.sample.messaging;

import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.sample.order.OrderBook;
import io.github.qstashspring.sample.order.OrderStatus;
import io.github.qstashspring.sample.order.PaymentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Charges orders with the {@link PaymentProvider}. QStash paces these deliveries with the
 * flow-control key of the payments; when the provider is unavailable the delivery fails
 * and QStash retries it with its backoff.
 */
@Component
class PaymentListener {

    private static final Logger logger = LoggerFactory.getLogger(PaymentListener.class);

    private final OrderBook book;

    private final PaymentProvider provider;

    PaymentListener(OrderBook book, PaymentProvider provider) {
        this.book = book;
        this.provider = provider;
    }

    @QStashListener(path = ListenerPaths.PAYMENTS, skipDuplicates = true)
    void charge(PaymentRequest payment) {
        this.provider.charge(payment.orderId(), payment.amountCents());
        logger.info("Charged {} cents for order {}", payment.amountCents(), payment.orderId());
        this.book.advance(payment.orderId(), OrderStatus.PAID, "paid " + payment.amountCents() + " cents");
    }

}
