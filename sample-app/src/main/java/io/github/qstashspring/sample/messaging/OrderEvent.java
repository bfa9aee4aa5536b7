package io.github.qstashspring.sample.messaging;

/**
 * The event fanned out through the URL group to every interested service.
 *
 * @param orderId the order
 * @param type what happened, e.g. {@code order.accepted}
 */
public record OrderEvent(String orderId, String type) {
}
