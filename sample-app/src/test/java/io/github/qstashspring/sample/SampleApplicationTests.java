package io.github.qstashspring.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.qstashspring.client.DlqMessage;
import io.github.qstashspring.client.Endpoint;
import io.github.qstashspring.client.FlowControlKey;
import io.github.qstashspring.client.LogEntry;
import io.github.qstashspring.client.LogFilter;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.Queue;
import io.github.qstashspring.client.Schedule;
import io.github.qstashspring.sample.fulfilment.Fulfilment;
import io.github.qstashspring.sample.fulfilment.OrderFulfilment;
import io.github.qstashspring.sample.fulfilment.WarehouseEvent;
import io.github.qstashspring.sample.messaging.ListenerPaths;
import io.github.qstashspring.sample.messaging.OrderMessaging;
import io.github.qstashspring.sample.messaging.Shipment;
import io.github.qstashspring.sample.order.Order;
import io.github.qstashspring.sample.order.OrderBook;
import io.github.qstashspring.sample.order.OrderRecord;
import io.github.qstashspring.sample.order.OrderStatus;
import io.github.qstashspring.sample.order.PaymentProvider;
import io.github.qstashspring.test.EmbeddedQStash;
import io.github.qstashspring.test.QStashTestBroker;
import io.github.qstashspring.test.ReceivedDelivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

/**
 * The sample end to end on the embedded broker, through the test support: every feature
 * of the sample (deduplication, callbacks, the DLQ, retries, flow control, the FIFO
 * queue, the URL-group fan-out, the nightly {@code @QStashSchedule} and the fulfilment
 * workflow, its sleep and its wait for the warehouse included), driven through the shop's
 * REST API or its publisher, with real signed deliveries to the listeners, real
 * callbacks, and the broker's clock moved by the test instead of waiting for a backoff or
 * a cron tick. Each test starts without messages; the schedule, the URL group and the
 * queue created at startup stay.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@EmbeddedQStash
class SampleApplicationTests {

    /**
     * The deterministic id of the nightly report's schedule: application name and
     * listener id.
     */
    private static final String REPORT_SCHEDULE_ID = "qstash-sample.open-orders-report";

    @LocalServerPort
    private int port;

    @Autowired
    private QStashTestBroker qstash;

    @Autowired
    private QStashOperations template;

    @Autowired
    private OrderBook book;

    @Autowired
    private OrderMessaging messaging;

    @MockitoSpyBean
    private PaymentProvider paymentProvider;

    private RestClient http;

    @BeforeEach
    void emptyBroker() {
        this.qstash.reset();
        this.qstash.setAwaitTimeout(Duration.ofSeconds(30));
        this.http = RestClient.create("http://127.0.0.1:" + this.port);
    }

    @Test
    void anOrderIsPublishedAsJsonToTheProcessorAndTheCallbackConfirmsIt() {
        Map<String, Object> accepted = placeOrder("order-1", "book", 2);
        assertThat(accepted).containsEntry("orderId", "order-1").containsEntry("deduplicated", false);
        String messageId = (String) accepted.get("messageId");

        ReceivedDelivery delivery = this.qstash.awaitReceived(messageId);
        assertThat(delivery.path()).isEqualTo(ListenerPaths.ORDERS);
        assertThat(delivery.bodyAsString()).isEqualTo("{\"id\":\"order-1\",\"item\":\"book\",\"quantity\":2}");
        assertThat(delivery.header("Content-Type")).startsWith("application/json");
        assertThat(delivery.status()).isEqualTo(200);
        assertThat(this.qstash.awaitDelivered(messageId).state()).isEqualTo("DELIVERED");

        ReceivedDelivery callback = this.qstash.awaitReceivedOn(ListenerPaths.ORDER_CALLBACK);
        assertThat(callback.status()).isEqualTo(200);
        assertThat(this.book.find("order-1").orElseThrow().deliveryConfirmed()).isTrue();
        assertThat(this.book.find("order-1").orElseThrow().history()).contains("processed",
                "delivery confirmed by callback (200)");
    }

    @Test
    void theSameOrderPublishedTwiceIsDeduplicatedByQStash() {
        Map<String, Object> first = placeOrder("order-2", "mug", 1);
        Map<String, Object> second = placeOrder("order-2", "mug", 1);

        assertThat(second).containsEntry("deduplicated", true).containsEntry("messageId", first.get("messageId"));
        String messageId = (String) first.get("messageId");
        this.qstash.awaitDelivered(messageId);
        assertThat(this.qstash.states(messageId)).containsOnlyOnce("DELIVERED");
        this.qstash.awaitReceived(messageId);
        assertThat(this.qstash.received(ListenerPaths.ORDERS)).singleElement()
            .satisfies((delivery) -> assertThat(delivery.messageId()).isEqualTo(messageId));
        assertThat(this.book.find("order-2").orElseThrow().history()).containsOnlyOnce("processed");
    }

    @Test
    void anOrderThatCanNeverSucceedEndsInTheDlqAndTheFailureCallbackRejectsIt() {
        String messageId = (String) placeOrder("order-3", "piano", 1).get("messageId");

        DlqMessage dead = this.qstash.awaitInDlq(messageId);
        assertThat(dead.responseStatus()).isEqualTo(489);
        assertThat(this.qstash.awaitReceived(messageId).status()).isEqualTo(489);
        assertThat(this.qstash.states(messageId)).doesNotContain("RETRY");

        ReceivedDelivery failureCallback = this.qstash.awaitReceivedOn(ListenerPaths.ORDER_FAILURE_CALLBACK);
        assertThat(failureCallback.status()).isEqualTo(200);
        OrderRecord order = this.book.find("order-3").orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.dlqId()).isEqualTo(dead.dlqId());
        assertThat(order.failureReason()).isEqualTo("{\"error\":\"unknown item: piano\"}");

        List<Map<String, Object>> deadLetters = this.http.get()
            .uri("/dead-letters")
            .retrieve()
            .body(new ParameterizedTypeReference<>() {
            });
        assertThat(deadLetters).singleElement()
            .satisfies((letter) -> assertThat(letter).containsEntry("dlqId", dead.dlqId())
                .containsEntry("messageId", messageId)
                .containsEntry("responseStatus", 489));
    }

    @Test
    void shipmentsLeaveTheFifoQueueInTheOrderTheyWereEnqueued() {
        List<String> ids = IntStream.range(0, 5).mapToObj((i) -> "fifo-" + i).toList();
        ids.forEach((id) -> this.messaging.ship(new Shipment(id, "coffee", 1)));

        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.qstash.received(ListenerPaths.SHIPMENTS).size() == ids.size());
        assertThat(this.qstash.received(ListenerPaths.SHIPMENTS)).extracting(ReceivedDelivery::bodyAsString)
            .containsExactlyElementsOf(ids.stream()
                .map((id) -> "{\"orderId\":\"" + id + "\",\"item\":\"coffee\",\"quantity\":1}")
                .toList());
        // The book keeps the shipments of earlier tests' orders too.
        assertThat(this.book.shipments()).filteredOn(ids::contains).containsExactlyElementsOf(ids);
        Queue queue = this.template.queues().get(OrderMessaging.SHIPMENTS_QUEUE);
        assertThat(queue.parallelism()).isEqualTo(1);
        assertThat(queue.lag()).isZero();
    }

    @Test
    void aPaymentThatFailedIsRetriedWhenTheClockReachesTheBackoff() {
        doThrow(new IllegalStateException("payment provider unavailable")).doCallRealMethod()
            .when(this.paymentProvider)
            .charge(eq("order-4"), anyInt());
        placeOrder("order-4", "coffee", 3);

        ReceivedDelivery firstAttempt = this.qstash.awaitReceivedOn(ListenerPaths.PAYMENTS);
        assertThat(firstAttempt.status()).isEqualTo(500);
        String paymentId = firstAttempt.messageId();
        assertThat(paymentId).isNotNull();
        assertThat(this.qstash.awaitFailedAttempts(paymentId, 1).responseStatus()).isEqualTo(500);

        this.qstash.advanceClockToNextAttempt(paymentId);

        this.qstash.awaitDelivered(paymentId);
        assertThat(this.qstash.awaitReceived(paymentId, 2))
            .extracting(ReceivedDelivery::retried, ReceivedDelivery::status)
            .containsExactly(tuple(0, 500), tuple(1, 200));
        assertThat(this.paymentProvider.isCharged("order-4")).isTrue();
        assertThat(this.book.find("order-4").orElseThrow().history()).containsOnlyOnce("paid 3600 cents");
    }

    @Test
    void paymentsAreDeliveredUnderTheirFlowControlKey() {
        placeOrder("order-5", "mug", 2);

        String paymentId = this.qstash.awaitReceivedOn(ListenerPaths.PAYMENTS).messageId();
        this.qstash.awaitDelivered(paymentId);
        List<LogEntry> delivered = this.template.logs()
            .list(new LogFilter().flowControlKey(OrderMessaging.PAYMENT_FLOW_KEY).state("DELIVERED"))
            .items();
        assertThat(delivered).singleElement().satisfies((entry) -> {
            assertThat(entry.messageId()).isEqualTo(paymentId);
            assertThat(entry.url()).isEqualTo(this.qstash.url(ListenerPaths.PAYMENTS));
        });
        FlowControlKey key = this.template.flowControl().get(OrderMessaging.PAYMENT_FLOW_KEY);
        assertThat(key.parallelismMax()).isEqualTo(2);
        assertThat(key.rateMax()).isEqualTo(10);
        assertThat(key.ratePeriod()).isEqualTo(1);
    }

    @Test
    void aPaymentWaitsWhileItsFlowControlKeyIsPausedAndIsDeliveredOnResume() {
        placeOrder("order-7", "coffee", 1);
        this.qstash.awaitDelivered(this.qstash.awaitReceivedOn(ListenerPaths.PAYMENTS).messageId());
        this.template.flowControl().pause(OrderMessaging.PAYMENT_FLOW_KEY);
        try {
            placeOrder("order-8", "coffee", 1);

            await().atMost(Duration.ofSeconds(30))
                .until(() -> this.template.flowControl().get(OrderMessaging.PAYMENT_FLOW_KEY).waitListSize() == 1);
            assertThat(this.qstash.received(ListenerPaths.PAYMENTS)).hasSize(1);
            assertThat(this.paymentProvider.isCharged("order-8")).isFalse();
        }
        finally {
            this.template.flowControl().resume(OrderMessaging.PAYMENT_FLOW_KEY);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> this.qstash.received(ListenerPaths.PAYMENTS).size() == 2);
        this.qstash.awaitDelivered(this.qstash.received(ListenerPaths.PAYMENTS).get(1).messageId());
        assertThat(this.paymentProvider.isCharged("order-8")).isTrue();
    }

    @Test
    void anAcceptedOrderIsFannedOutToEachEndpointOfTheUrlGroup() {
        assertThat(this.template.urlGroups().get("order-events").endpoints()).extracting(Endpoint::name, Endpoint::url)
            .containsExactlyInAnyOrder(tuple("billing", this.qstash.url(ListenerPaths.EVENTS_BILLING)),
                    tuple("analytics", this.qstash.url(ListenerPaths.EVENTS_ANALYTICS)));

        placeOrder("order-6", "book", 1);

        ReceivedDelivery billing = this.qstash.awaitReceivedOn(ListenerPaths.EVENTS_BILLING);
        ReceivedDelivery analytics = this.qstash.awaitReceivedOn(ListenerPaths.EVENTS_ANALYTICS);
        this.qstash.awaitDelivered(billing.messageId());
        this.qstash.awaitDelivered(analytics.messageId());
        assertThat(billing.messageId()).isNotEqualTo(analytics.messageId());
        assertThat(List.of(billing, analytics)).allSatisfy((delivery) -> {
            assertThat(delivery.bodyAsString()).isEqualTo("{\"orderId\":\"order-6\",\"type\":\"order.accepted\"}");
            assertThat(delivery.header("Upstash-Topic-Name")).isEqualTo("order-events");
            assertThat(delivery.status()).isEqualTo(200);
        });
        assertThat(this.qstash.received(ListenerPaths.EVENTS_BILLING)).hasSize(1);
        assertThat(this.qstash.received(ListenerPaths.EVENTS_ANALYTICS)).hasSize(1);
        assertThat(this.book.find("order-6").orElseThrow().history()).contains(
                "billing saw order.accepted from URL group order-events",
                "analytics saw order.accepted from URL group order-events");
    }

    @Test
    void theNightlyReportIsScheduledAndRunsWhenTheClockPassesTwoOClockInBerlin() {
        Schedule schedule = this.template.schedules().get(REPORT_SCHEDULE_ID);
        assertThat(schedule.cron()).isEqualTo("CRON_TZ=Europe/Berlin 0 2 * * *");
        assertThat(schedule.destination()).isEqualTo(this.qstash.url(ListenerPaths.OPEN_ORDERS_REPORT));
        assertThat(this.template.schedules().list()).extracting(Schedule::scheduleId).contains(REPORT_SCHEDULE_ID);
        Instant nextTwoAm = nextTwoOClockInBerlin(this.qstash.now());
        assertThat(schedule.nextScheduleTime()).isEqualTo(nextTwoAm);
        this.book.receive(new Order("order-9", "mug", 1));

        this.qstash.advanceClock(Duration.between(this.qstash.now(), nextTwoAm).plusMinutes(1));

        ReceivedDelivery tick = this.qstash.awaitReceivedOn(ListenerPaths.OPEN_ORDERS_REPORT);
        assertThat(tick.header("Upstash-Schedule-Id")).isEqualTo(REPORT_SCHEDULE_ID);
        assertThat(tick.status()).isEqualTo(200);
        assertThat(tick.responseBodyAsString()).contains("open order(s)", "order-9 RECEIVED");
        assertThat(this.qstash.awaitDelivered(tick.messageId()).scheduleId()).isEqualTo(REPORT_SCHEDULE_ID);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Schedule afterTick = this.template.schedules().get(REPORT_SCHEDULE_ID);
            assertThat(afterTick.lastScheduleTime()).isBetween(nextTwoAm, this.qstash.now());
            assertThat(afterTick.lastScheduleStates()).containsExactly(entry(tick.messageId(), "SUCCESS"));
            assertThat(afterTick.nextScheduleTime()).isEqualTo(nextTwoOClockInBerlin(nextTwoAm));
        });
    }

    @Test
    void anOrderIsFulfilledByItsWorkflowChargedPackedPickedUpAndBookedWithTheCarrier() {
        Map<String, Object> accepted = placeOrder("order-10", "book", 2);
        String run = (String) accepted.get("workflowRunId");
        assertThat(run).isEqualTo(OrderFulfilment.runId("order-10"));

        assertThat(this.qstash.awaitStep(run, "charge").out()).hasToString("\"3000\"");
        this.qstash.awaitWaiter(run, OrderFulfilment.packedEventId("order-10"));
        ResponseEntity<Void> packed = this.http.post()
            .uri("/warehouse/packed")
            .contentType(MediaType.APPLICATION_JSON)
            .body(new WarehouseEvent("order-10", 1))
            .retrieve()
            .toBodilessEntity();
        assertThat(packed.getStatusCode().value()).isEqualTo(202);
        Instant pickup = this.qstash.advanceClockThroughSleep(run);

        Fulfilment fulfilment = this.qstash.awaitRunResult(run, Fulfilment.class);
        assertThat(fulfilment).isEqualTo(new Fulfilment("order-10", "DISPATCHED", 3000, "TRK-order-10"));
        assertThat(this.qstash.awaitStep(run, "await-pickup").createdAt()).isBeforeOrEqualTo(pickup);
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(this.book.find("order-10").orElseThrow().history()).containsOnlyOnce(
                    "paid 3000 cents", "dispatched with tracking number TRK-order-10 (0 run(s) notified)"));
        assertThat(this.paymentProvider.isCharged("order-10")).isTrue();
    }

    @Test
    void anOrderTheWarehouseDoesNotReportInTimeIsNotDispatched() {
        String run = (String) placeOrder("order-11", "mug", 1).get("workflowRunId");

        this.qstash.advanceClockThroughWaitTimeout(run, OrderFulfilment.packedEventId("order-11"));

        assertThat(this.qstash.awaitRunResult(run, Fulfilment.class))
            .isEqualTo(new Fulfilment("order-11", "NOT_PACKED", 900, null));
        assertThat(this.book.find("order-11").orElseThrow().history()).contains("not packed within 2 days")
            .noneMatch((step) -> step.startsWith("dispatched"));
    }

    @Test
    void anOrderOfAnItemTheShopDoesNotSellIsNeitherChargedNorFulfilled() {
        String run = (String) placeOrder("order-12", "piano", 1).get("workflowRunId");

        assertThat(this.qstash.awaitRunResult(run, Fulfilment.class))
            .isEqualTo(new Fulfilment("order-12", "UNKNOWN_ITEM", 0, null));
        assertThat(this.qstash.awaitStep(run, "charge").out()).hasToString("\"0\"");
        assertThat(this.paymentProvider.isCharged("order-12")).isFalse();
    }

    private static Instant nextTwoOClockInBerlin(Instant now) {
        ZonedDateTime berlin = now.atZone(ZoneId.of("Europe/Berlin"));
        ZonedDateTime twoAm = berlin.with(LocalTime.of(2, 0));
        return (twoAm.isAfter(berlin) ? twoAm : berlin.plusDays(1).with(LocalTime.of(2, 0))).toInstant();
    }

    private Map<String, Object> placeOrder(String id, String item, int quantity) {
        return this.http.post()
            .uri("/orders")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("id", id, "item", item, "quantity", quantity))
            .retrieve()
            .body(new ParameterizedTypeReference<>() {
            });
    }

}
