package io.github.qstashspring.sample.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the application knows about one order, as {@code GET /orders/{id}} returns it.
 *
 * @param order the order
 * @param status where it is now
 * @param messageId the QStash message id of its processing message
 * @param deliveryConfirmed whether QStash's callback confirmed the processing delivery
 * @param dlqId the DLQ id, when the processing failed for good
 * @param failureReason why, when it failed for good
 * @param history every step, oldest first
 */
public record OrderRecord(Order order, OrderStatus status, @Nullable String messageId, boolean deliveryConfirmed,
        @Nullable String dlqId, @Nullable String failureReason, List<String> history) {
}
