package io.github.qstashspring.sample.order;

/** Where an order is in its life, as {@code GET /orders/{id}} shows it. */
public enum OrderStatus {

    /** Accepted by {@code POST /orders} and published to QStash. */
    RECEIVED,

    /**
     * Checked and reserved by the {@link OrderProcessor}; payment and shipment are
     * published.
     */
    PROCESSED,

    /** The payment was taken (flow-controlled payment listener). */
    PAID,

    /** The shipment left the FIFO queue. */
    SHIPPED,

    /** Refused for good: the message went to the DLQ and the failure callback arrived. */
    REJECTED

}
