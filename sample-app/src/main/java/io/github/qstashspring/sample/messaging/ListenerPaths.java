package io.github.qstashspring.sample.messaging;

/**
 * The paths of the sample's {@code @QStashListener} methods, shared by publishers and
 * listeners.
 */
public final class ListenerPaths {

    /** {@link OrderProcessor}: processes an order. */
    public static final String ORDERS = "/qstash/orders";

    /** {@link OrderCallbacks}: QStash's callback after the order was processed. */
    public static final String ORDER_CALLBACK = "/qstash/orders/callback";

    /**
     * {@link OrderCallbacks}: QStash's failure callback when processing failed for good.
     */
    public static final String ORDER_FAILURE_CALLBACK = "/qstash/orders/failed";

    /** {@link PaymentListener}: charges an order, flow-controlled. */
    public static final String PAYMENTS = "/qstash/payments";

    /** {@link ShipmentListener}: ships an order, from the FIFO queue. */
    public static final String SHIPMENTS = "/qstash/shipments";

    /** {@link OrderEventListeners}: the billing endpoint of the URL group. */
    public static final String EVENTS_BILLING = "/qstash/events/billing";

    /** {@link OrderEventListeners}: the analytics endpoint of the URL group. */
    public static final String EVENTS_ANALYTICS = "/qstash/events/analytics";

    /** {@link OpenOrdersReport}: the nightly report, called by a QStash schedule. */
    public static final String OPEN_ORDERS_REPORT = "/qstash/reports/open-orders";

    private ListenerPaths() {
    }

}
