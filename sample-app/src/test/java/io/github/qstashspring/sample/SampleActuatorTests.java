package io.github.qstashspring.sample;

import java.util.List;
import java.util.Map;

import io.github.qstashspring.sample.messaging.ListenerPaths;
import io.github.qstashspring.test.EmbeddedQStash;
import io.github.qstashspring.test.QStashTestBroker;
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

/**
 * What an operator of the sample sees in the actuator, read over HTTP from the running
 * application on the embedded broker: the {@code qstash} health indicator, the
 * {@code qstash} endpoint, and the client's and listeners' observations in Prometheus'
 * format.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@EmbeddedQStash
class SampleActuatorTests {

    @LocalServerPort
    private int port;

    @Autowired
    private QStashTestBroker qstash;

    private RestClient http;

    @BeforeEach
    void client() {
        this.http = RestClient.create("http://127.0.0.1:" + this.port);
    }

    @Test
    void healthSaysQStashIsUpAndWhichUrlWasChecked() {
        Map<String, Object> health = get("/actuator/health");

        assertThat(health).containsEntry("status", "UP");
        Map<String, Object> qstash = map(map(health.get("components")).get("qstash"));
        assertThat(qstash).containsEntry("status", "UP");
        assertThat(map(qstash.get("details"))).containsEntry("url", this.qstash.getBroker().getUrl())
            .containsKey("queues");
    }

    @Test
    void theQStashEndpointListsTheListenersTheScheduleAndTheKeySourcesButNoSecret() {
        Map<String, Object> endpoint = get("/actuator/qstash");

        assertThat(endpoint).containsEntry("url", this.qstash.getBroker().getUrl());
        List<Map<String, Object>> listeners = list(endpoint.get("listeners"));
        assertThat(listeners).extracting((listener) -> listener.get("path"))
            .contains(ListenerPaths.ORDERS, ListenerPaths.PAYMENTS, ListenerPaths.SHIPMENTS,
                    ListenerPaths.ORDER_CALLBACK, ListenerPaths.OPEN_ORDERS_REPORT);
        assertThat(listeners).filteredOn((listener) -> ListenerPaths.ORDERS.equals(listener.get("path")))
            .singleElement()
            .satisfies((orders) -> {
                assertThat(orders).containsEntry("method", "POST")
                    .containsEntry("payloadType", "io.github.qstashspring.sample.order.Order")
                    .containsEntry("skipDuplicates", true);
                assertThat(map(orders.get("verification"))).containsEntry("signature", true);
            });
        assertThat(list(endpoint.get("schedules"))).singleElement().satisfies((schedule) -> {
            assertThat(schedule).containsEntry("id", "qstash-sample.open-orders-report")
                .containsEntry("cron", "CRON_TZ=Europe/Berlin 0 2 * * *");
            assertThat(map(schedule.get("server"))).containsEntry("state", "up-to-date")
                .containsEntry("paused", false)
                .containsKey("nextScheduleTime");
        });
        assertThat(map(map(endpoint.get("regions")).get("default")).get("currentSigningKey")).asString()
            .contains("EmbeddedBrokerConnectionDetails");

        String raw = this.http.get().uri("/actuator/qstash").retrieve().body(String.class);
        assertThat(raw).doesNotContain(this.qstash.getBroker().getToken())
            .doesNotContain(this.qstash.getBroker().getCurrentSigningKey())
            .doesNotContain(this.qstash.getBroker().getNextSigningKey());
    }

    @Test
    void prometheusShowsTheClientsCallsAndTheListenersDeliveries() {
        String messageId = (String) this.http.post()
            .uri("/orders")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("id", "metrics-1", "item", "book", "quantity", 1))
            .retrieve()
            .body(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .get("messageId");
        this.qstash.awaitDelivered(messageId);

        String prometheus = this.http.get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(prometheus)
            .containsPattern("qstash_client_requests_seconds_count\\{[^}]*qstash_operation=\"publish\"")
            .containsPattern("qstash_listener_seconds_count\\{[^}]*qstash_listener=\"OrderProcessor.process\"");
    }

    private Map<String, Object> get(String path) {
        return this.http.get().uri(path).retrieve().body(new ParameterizedTypeReference<>() {
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

}
