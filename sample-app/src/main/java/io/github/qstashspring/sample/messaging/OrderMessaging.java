package io.github.qstashspring.sample.messaging;

import java.time.Duration;

import io.github.qstashspring.client.FlowControl;
import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.PublishResponse;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.sample.order.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Everything the sample publishes, one method per QStash feature: a deduplicated message
 * with callbacks, a flow-controlled message, a FIFO queue and a URL-group fan-out.
 */
@Service
public class OrderMessaging {

    /** Name of the FIFO queue shipments go through. */
    public static final String SHIPMENTS_QUEUE = "shipments";

    /** Flow-control key shared by all payments: the payment provider's rate limit. */
    public static final String PAYMENT_FLOW_KEY = "payment-provider";

    private static final Logger logger = LoggerFactory.getLogger(OrderMessaging.class);

    private final QStashOperations qstash;

    private final ListenerUrls urls;

    private final SampleProperties properties;

    OrderMessaging(QStashOperations qstash, ListenerUrls urls, SampleProperties properties) {
        this.qstash = qstash;
        this.urls = urls;
        this.properties = properties;
    }

    /**
     * Publishes an order to the {@link OrderProcessor}, with the order id as
     * deduplication id (a second publish of the same order within the deduplication
     * window is answered {@code deduplicated} and not delivered again), a callback once
     * it was processed and a failure callback if it ends in the DLQ.
     * @param order the order
     * @return QStash's answer
     */
    public PublishResponse submit(Order order) {
        return this.qstash.publish(PublishRequest.to(this.urls.of(ListenerPaths.ORDERS))
            .json(order)
            .deduplicationId(order.id())
            .retries(3)
            .callback(this.urls.of(ListenerPaths.ORDER_CALLBACK))
            .failureCallback(this.urls.of(ListenerPaths.ORDER_FAILURE_CALLBACK))
            .label("orders"));
    }

    /**
     * Asks the {@link PaymentListener} to charge an order. All payments share one
     * flow-control key, so QStash delivers at most 10 per second and 2 at once, whatever
     * the order volume: the payment provider's limits.
     * @param payment the payment
     */
    public void requestPayment(PaymentRequest payment) {
        this.qstash.publish(PublishRequest.to(this.urls.of(ListenerPaths.PAYMENTS))
            .json(payment)
            .flowControl(FlowControl.key(PAYMENT_FLOW_KEY).rate(10).period(Duration.ofSeconds(1)).parallelism(2)));
    }

    /**
     * Enqueues a shipment into the FIFO queue {@value #SHIPMENTS_QUEUE}: the
     * {@link ShipmentListener} receives shipments one at a time, in the order they were
     * enqueued.
     * @param shipment the shipment
     */
    public void ship(Shipment shipment) {
        this.qstash
            .publish(PublishRequest.to(this.urls.of(ListenerPaths.SHIPMENTS)).queue(SHIPMENTS_QUEUE).json(shipment));
    }

    /**
     * Fans an event out to every endpoint of the URL group (one message per endpoint),
     * when {@code sample.order-events.enabled} is on.
     * @param event the event
     */
    public void announce(OrderEvent event) {
        SampleProperties.OrderEvents orderEvents = this.properties.getOrderEvents();
        if (!orderEvents.isEnabled()) {
            logger.debug("URL-group fan-out is off (sample.order-events.enabled=false): {} not announced", event);
            return;
        }
        PublishResponse response = this.qstash
            .publish(PublishRequest.toUrlGroup(orderEvents.getUrlGroup()).json(event));
        logger.info("Announced {} of order {} to {} endpoints", event.type(), event.orderId(),
                response.results().size());
    }

}
