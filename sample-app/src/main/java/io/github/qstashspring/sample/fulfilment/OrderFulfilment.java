package io.github.qstashspring.sample.fulfilment;

import java.time.Duration;
import java.util.OptionalInt;

import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.TriggeredRun;
import io.github.qstashspring.client.WorkflowTrigger;
import io.github.qstashspring.sample.messaging.ListenerUrls;
import io.github.qstashspring.sample.messaging.OrderMessaging;
import io.github.qstashspring.sample.messaging.PaymentRequest;
import io.github.qstashspring.sample.order.Catalog;
import io.github.qstashspring.sample.order.Order;
import io.github.qstashspring.sample.order.OrderBook;
import io.github.qstashspring.workflow.CallRequest;
import io.github.qstashspring.workflow.CallResponse;
import io.github.qstashspring.workflow.NotifyResult;
import io.github.qstashspring.workflow.QStashWorkflow;
import io.github.qstashspring.workflow.WaitResult;
import io.github.qstashspring.workflow.WorkflowContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The fulfilment workflow of an order, one run per order (run id {@code wfr_<order id>}),
 * started by {@code POST /orders}. QStash calls it once per step, so each step runs once
 * however often the method is replayed, and a run survives restarts of the application
 * (and of the embedded broker) between steps:
 * <ol>
 * <li>{@code charge}: prices the order and requests the payment (the flow-controlled
 * payment listener takes it);</li>
 * <li>{@code await-warehouse}: waits for the warehouse to report the order packed
 * ({@code POST /warehouse/packed}), at most {@link #WAREHOUSE_TIMEOUT};</li>
 * <li>{@code await-pickup}: sleeps until the carrier's next pickup round;</li>
 * <li>{@code book-carrier}: books the pickup with the carrier's HTTP API, through QStash
 * (however long the carrier takes, nothing waits in the application);</li>
 * <li>{@code announce-dispatch}: notifies the runs waiting for the order's dispatch event
 * ({@link #dispatchEventId(String)});</li>
 * <li>{@code record-dispatch}: notes the tracking number in the order's history.</li>
 * </ol>
 */
@Component
public class OrderFulfilment {

    /** The path of the workflow. */
    public static final String PATH = "/workflows/order-fulfilment";

    /** How long the workflow waits for the warehouse. */
    public static final Duration WAREHOUSE_TIMEOUT = Duration.ofDays(2);

    /** How long the carrier takes to come by for a packed order. */
    public static final Duration PICKUP_DELAY = Duration.ofHours(1);

    private static final Logger logger = LoggerFactory.getLogger(OrderFulfilment.class);

    private final QStashOperations qstash;

    private final ListenerUrls urls;

    private final Catalog catalog;

    private final OrderBook book;

    private final OrderMessaging messaging;

    OrderFulfilment(QStashOperations qstash, ListenerUrls urls, Catalog catalog, OrderBook book,
            OrderMessaging messaging) {
        this.qstash = qstash;
        this.urls = urls;
        this.catalog = catalog;
        this.book = book;
        this.messaging = messaging;
    }

    /**
     * Starts the fulfilment of an order: a workflow run with the order id as run id, so
     * an order placed twice is fulfilled once.
     * @param order the order
     * @return the run
     */
    public TriggeredRun start(Order order) {
        return this.qstash.workflows()
            .trigger(WorkflowTrigger.to(this.urls.of(PATH)).json(order).workflowRunId(order.id()).label("fulfilment"));
    }

    /**
     * The run id of an order's fulfilment.
     * @param orderId the order
     * @return {@code wfr_<order id>}
     */
    public static String runId(String orderId) {
        return WorkflowTrigger.RUN_ID_PREFIX + orderId;
    }

    /**
     * The event the warehouse's report is sent as.
     * @param orderId the order
     * @return the event id
     */
    public static String packedEventId(String orderId) {
        return "order-packed-" + orderId;
    }

    /**
     * The event the workflow announces the dispatch with.
     * @param orderId the order
     * @return the event id
     */
    public static String dispatchEventId(String orderId) {
        return "order-dispatched-" + orderId;
    }

    @QStashWorkflow(path = PATH, retries = "3")
    Fulfilment fulfil(WorkflowContext<Order> context) {
        Order order = context.requestPayload();
        String id = order.id();
        int charged = context.run("charge", Integer.class, () -> charge(order));
        if (charged == 0) {
            return new Fulfilment(id, "UNKNOWN_ITEM", 0, null);
        }
        WaitResult<WarehouseEvent> packed = context.waitForEvent("await-warehouse", packedEventId(id),
                WAREHOUSE_TIMEOUT, WarehouseEvent.class);
        if (packed.timedOut()) {
            context.run("record-not-packed",
                    () -> this.book.note(id, "not packed within " + WAREHOUSE_TIMEOUT.toDays() + " days"));
            return new Fulfilment(id, "NOT_PACKED", charged, null);
        }
        context.sleep("await-pickup", PICKUP_DELAY);
        CallResponse<CarrierBooking> booking = context.call("book-carrier",
                CallRequest.post(this.urls.of("/carrier/bookings")).json(order).retries(2), CarrierBooking.class);
        if (booking.status() != 201 || booking.body() == null) {
            context.run("record-carrier-failure",
                    () -> this.book.note(id, "the carrier refused the pickup: " + booking.status()));
            return new Fulfilment(id, "CARRIER_REFUSED", charged, null);
        }
        String tracking = booking.body().trackingNumber();
        NotifyResult announced = context.notify("announce-dispatch", dispatchEventId(id), booking.body());
        context.run("record-dispatch", () -> this.book.note(id, "dispatched with tracking number " + tracking + " ("
                + announced.notifyResponse().size() + " run(s) notified)"));
        return new Fulfilment(id, "DISPATCHED", charged, tracking);
    }

    /**
     * Prices the order and requests its payment; 0 for an item the shop does not sell.
     */
    private int charge(Order order) {
        OptionalInt price = this.catalog.priceOf(order.item());
        if (price.isEmpty()) {
            logger.info("Order {} is not charged: unknown item {}", order.id(), order.item());
            return 0;
        }
        int amount = price.getAsInt() * order.quantity();
        this.messaging.requestPayment(new PaymentRequest(order.id(), amount));
        return amount;
    }

}
