package io.github.qstashspring.sample.web;

import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.client.DlqFilter;
import io.github.qstashspring.client.DlqMessage;
import io.github.qstashspring.client.PublishResponse;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.TriggeredRun;
import io.github.qstashspring.sample.fulfilment.OrderFulfilment;
import io.github.qstashspring.sample.messaging.OrderMessaging;
import io.github.qstashspring.sample.order.Order;
import io.github.qstashspring.sample.order.OrderBook;
import io.github.qstashspring.sample.order.OrderRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shop's API: place an order (published to QStash, processed asynchronously by a
 * listener, and fulfilled by a workflow), follow it, and look at the orders that ended in
 * QStash's dead letter queue.
 */
@RestController
class OrderController {

    private final OrderBook book;

    private final OrderMessaging messaging;

    private final OrderFulfilment fulfilment;

    private final QStashOperations qstash;

    OrderController(OrderBook book, OrderMessaging messaging, OrderFulfilment fulfilment, QStashOperations qstash) {
        this.book = book;
        this.messaging = messaging;
        this.fulfilment = fulfilment;
        this.qstash = qstash;
    }

    /**
     * {@code POST /orders}: records the order, publishes it to QStash and starts its
     * fulfilment workflow; answers {@code 202 Accepted} with the message id, the workflow
     * run id, and {@code deduplicated: true} when the same order id was published before
     * within QStash's deduplication window (its fulfilment then runs once too).
     */
    @PostMapping("/orders")
    ResponseEntity<OrderAccepted> place(@RequestBody Order order) {
        if (!StringUtils.hasText(order.id()) || !StringUtils.hasText(order.item()) || order.quantity() < 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "an order needs an id, an item and a quantity of at least 1");
        }
        this.book.receive(order);
        PublishResponse response = this.messaging.submit(order);
        this.book.published(order.id(), response.messageId());
        TriggeredRun fulfilment = this.fulfilment.start(order);
        return ResponseEntity.accepted()
            .body(new OrderAccepted(order.id(), response.messageId(), response.deduplicated(),
                    fulfilment.workflowRunId()));
    }

    /**
     * {@code GET /orders/{id}}: the order's status and history, {@code 404} if unknown.
     */
    @GetMapping("/orders/{id}")
    OrderRecord get(@PathVariable String id) {
        return this.book.find(id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id));
    }

    /** {@code GET /dead-letters}: QStash's DLQ, read through the template's DLQ API. */
    @GetMapping("/dead-letters")
    List<DeadLetter> deadLetters() {
        List<DeadLetter> letters = new ArrayList<>();
        for (DlqMessage message : this.qstash.dlq().listAll(new DlqFilter())) {
            letters.add(new DeadLetter(message.dlqId(), message.messageId(), message.url(), message.responseStatus(),
                    message.responseBody()));
        }
        return letters;
    }

    /**
     * The answer to {@code POST /orders}.
     *
     * @param orderId the order
     * @param messageId the QStash message processing it
     * @param deduplicated whether QStash recognised it as a duplicate (and will not
     * deliver it again)
     * @param workflowRunId the run of its fulfilment workflow
     */
    record OrderAccepted(String orderId, String messageId, boolean deduplicated, String workflowRunId) {
    }

    /**
     * One DLQ entry.
     *
     * @param dlqId the DLQ id
     * @param messageId the failed message
     * @param url where it was delivered
     * @param responseStatus the last answer's status
     * @param responseBody the last answer's body
     */
    record DeadLetter(String dlqId, @Nullable String messageId, @Nullable String url, @Nullable Integer responseStatus,
            @Nullable String responseBody) {
    }

}
