package io.github.qstashspring.sample.messaging;

/**
 * The message, in the FIFO queue {@code shipments}, asking the warehouse to ship an
 * order.
 *
 * @param orderId the order
 * @param item what to ship
 * @param quantity how many
 */
public record Shipment(String orderId, String item, int quantity) {
}
