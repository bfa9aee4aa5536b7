package io.github.qstashspring.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.qstashspring.client.CursorPage;
import io.github.qstashspring.client.LogEntry;
import io.github.qstashspring.client.LogFilter;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.sample.messaging.OrderMessaging;
import io.github.qstashspring.sample.messaging.Shipment;
import io.github.qstashspring.sample.order.OrderBook;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample end to end on the in-app embedded broker: real HTTP from the REST API to the broker,
 * real signed deliveries to the listeners, real callbacks.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "qstash.embedded.database.url=jdbc:h2:mem:sample-app-tests;DB_CLOSE_DELAY=-1")
class SampleApplicationTests {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;

    @Autowired
    private OrderBook book;

    @Autowired
    private OrderMessaging messaging;

    @Autowired
    private QStashOperations qstash;

    private RestClient http;

    @BeforeEach
    void client() {
        this.http = RestClient.create("http://127.0.0.1:" + this.port);
    }

    @Test
    void anOrderIsProcessedPaidShippedAndConfirmedByTheCallback() {
        Map<String, Object> accepted = placeOrder("order-1", "book", 2);
        assertThat(accepted).containsEntry("orderId", "order-1").containsEntry("deduplicated", false);
        assertThat((String) accepted.get("messageId")).startsWith("msg_");

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(order("order-1"))
            .containsEntry("status", "SHIPPED")
            .containsEntry("deliveryConfirmed", true)
            .extractingByKey("history")
            .asInstanceOf(InstanceOfAssertFactories.LIST)
            .contains("processed", "paid 3000 cents", "shipped", "delivery confirmed by callback (200)"));
    }

    @Test
    void theSameOrderPublishedTwiceIsDeduplicatedByQStash() {
        Map<String, Object> first = placeOrder("order-2", "mug", 1);
        Map<String, Object> second = placeOrder("order-2", "mug", 1);

        assertThat(second).containsEntry("deduplicated", true).containsEntry("messageId", first.get("messageId"));
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(order("order-2")).containsEntry("status", "SHIPPED"));
        assertThat(this.book.find("order-2").orElseThrow().history()).containsOnlyOnce("processed");
    }

    @Test
    void anOrderThatCanNeverSucceedEndsInTheDlqAndTheFailureCallbackRejectsIt() {
        String messageId = (String) placeOrder("order-3", "piano", 1).get("messageId");

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(order("order-3"))
            .containsEntry("status", "REJECTED")
            .containsEntry("failureReason", "{\"error\":\"unknown item: piano\"}"));
        String dlqId = this.book.find("order-3").orElseThrow().dlqId();
        assertThat(dlqId).isNotNull();

        List<Map<String, Object>> deadLetters = this.http.get()
            .uri("/dead-letters")
            .retrieve()
            .body(new ParameterizedTypeReference<>() {
            });
        assertThat(deadLetters).anySatisfy((letter) -> assertThat(letter).containsEntry("dlqId", dlqId)
            .containsEntry("messageId", messageId)
            .containsEntry("responseStatus", 489));
    }

    @Test
    void shipmentsLeaveTheFifoQueueInTheOrderTheyWereEnqueued() {
        List<String> ids = IntStream.range(0, 5).mapToObj((i) -> "fifo-" + i).toList();
        ids.forEach((id) -> this.messaging.ship(new Shipment(id, "coffee", 1)));

        await().atMost(DELIVERY)
            .untilAsserted(() -> assertThat(this.book.shipments().stream().filter(ids::contains)).containsExactlyElementsOf(ids));
    }

    @Test
    void paymentsAreDeliveredUnderTheirFlowControlKey() {
        placeOrder("order-5", "coffee", 3);

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(order("order-5")).extractingByKey("history")
            .asInstanceOf(InstanceOfAssertFactories.LIST)
            .contains("paid 3600 cents"));
        CursorPage<LogEntry> delivered = this.qstash.logs()
            .list(new LogFilter().flowControlKey(OrderMessaging.PAYMENT_FLOW_KEY).state("DELIVERED"));
        assertThat(delivered.items()).isNotEmpty()
            .allSatisfy((entry) -> assertThat(entry.url()).endsWith("/qstash/payments"));
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

    private Map<String, Object> order(String id) {
        return this.http.get().uri("/orders/{id}", id).retrieve().body(new ParameterizedTypeReference<>() {
        });
    }
}
