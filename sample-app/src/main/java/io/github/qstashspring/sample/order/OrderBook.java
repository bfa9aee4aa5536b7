package io.github.qstashspring.sample.order;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The application's state: every order and what happened to it, plus the order in which
 * shipments left the FIFO queue. In memory, because the sample is about messaging, not
 * storage.
 */
@Component
public class OrderBook {

    private final Map<String, OrderRecord> orders = new ConcurrentHashMap<>();

    private final List<String> shipped = new CopyOnWriteArrayList<>();

    /**
     * Records a newly received order, unless it is known already.
     * @param order the order
     * @return whether it was new
     */
    public boolean receive(Order order) {
        return this.orders.putIfAbsent(order.id(),
                new OrderRecord(order, OrderStatus.RECEIVED, null, false, null, null, List.of("received"))) == null;
    }

    /**
     * Notes the message id QStash gave the processing message.
     * @param orderId the order
     * @param messageId the message id
     */
    public void published(String orderId, String messageId) {
        update(orderId, (r) -> new OrderRecord(r.order(), r.status(), messageId, r.deliveryConfirmed(), r.dlqId(),
                r.failureReason(), r.history()));
    }

    /**
     * Moves an order to a new status and appends a history step.
     * @param orderId the order
     * @param status the new status
     * @param step what happened
     */
    public void advance(String orderId, OrderStatus status, String step) {
        update(orderId, (r) -> new OrderRecord(r.order(), later(r.status(), status), r.messageId(),
                r.deliveryConfirmed(), r.dlqId(), r.failureReason(), append(r.history(), step)));
    }

    /**
     * Appends a history step without changing the status.
     * @param orderId the order
     * @param step what happened
     */
    public void note(String orderId, String step) {
        update(orderId, (r) -> new OrderRecord(r.order(), r.status(), r.messageId(), r.deliveryConfirmed(), r.dlqId(),
                r.failureReason(), append(r.history(), step)));
    }

    /**
     * Notes that QStash's callback confirmed the delivery of the processing message.
     * @param orderId the order
     * @param status the status the processor answered with
     */
    public void confirmed(String orderId, int status) {
        update(orderId, (r) -> new OrderRecord(r.order(), r.status(), r.messageId(), true, r.dlqId(), r.failureReason(),
                append(r.history(), "delivery confirmed by callback (" + status + ")")));
    }

    /**
     * Marks an order rejected for good, from the failure callback.
     * @param orderId the order
     * @param dlqId the DLQ entry of the failed message
     * @param reason the processor's answer
     */
    public void rejected(String orderId, @Nullable String dlqId, String reason) {
        update(orderId, (r) -> new OrderRecord(r.order(), OrderStatus.REJECTED, r.messageId(), r.deliveryConfirmed(),
                dlqId, reason, append(r.history(), "rejected, in the DLQ as " + dlqId)));
    }

    /**
     * Notes a shipment that left the FIFO queue.
     * @param orderId the order
     */
    public void shipped(String orderId) {
        this.shipped.add(orderId);
        advance(orderId, OrderStatus.SHIPPED, "shipped");
    }

    /**
     * @param orderId the order
     * @return what is known about it
     */
    public Optional<OrderRecord> find(String orderId) {
        return Optional.ofNullable(this.orders.get(orderId));
    }

    /**
     * @return the orders still in progress (neither shipped nor rejected), by id
     */
    public List<OrderRecord> openOrders() {
        return this.orders.values()
            .stream()
            .filter((r) -> r.status() != OrderStatus.SHIPPED && r.status() != OrderStatus.REJECTED)
            .sorted(Comparator.comparing((OrderRecord r) -> r.order().id()))
            .toList();
    }

    /**
     * @return the ids of shipped orders, in the order the shipments were delivered
     */
    public List<String> shipments() {
        return List.copyOf(this.shipped);
    }

    private void update(String orderId, UnaryOperator<OrderRecord> change) {
        this.orders.computeIfPresent(orderId, (id, current) -> change.apply(current));
    }

    private static OrderStatus later(OrderStatus current, OrderStatus next) {
        // Payment and shipment run concurrently; a late PAID must not hide SHIPPED.
        return (current == OrderStatus.REJECTED || current.compareTo(next) > 0) ? current : next;
    }

    private static List<String> append(List<String> history, String step) {
        List<String> steps = new ArrayList<>(history);
        steps.add(step);
        return List.copyOf(steps);
    }

}
