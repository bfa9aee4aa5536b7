package io.github.qstashspring.sample.order;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The payment provider the shop charges orders with. Simulated: it remembers each charge.
 * A real provider is sometimes unavailable; its exception then fails the QStash delivery,
 * and QStash retries it later.
 */
@Component
public class PaymentProvider {

    private final Map<String, Integer> charges = new ConcurrentHashMap<>();

    /**
     * Charges an order once: charging the same order again (a redelivery) changes
     * nothing.
     * @param orderId the order
     * @param amountCents how much
     * @throws IllegalStateException when the provider is unavailable
     */
    public void charge(String orderId, int amountCents) {
        this.charges.putIfAbsent(orderId, amountCents);
    }

    /**
     * @param orderId the order
     * @return whether the order was charged
     */
    public boolean isCharged(String orderId) {
        return this.charges.containsKey(orderId);
    }

}
