package io.github.qstashspring.sample.messaging;

/**
 * The message asking the payment listener to charge an order.
 *
 * @param orderId the order
 * @param amountCents how much
 */
public record PaymentRequest(String orderId, int amountCents) {
}
