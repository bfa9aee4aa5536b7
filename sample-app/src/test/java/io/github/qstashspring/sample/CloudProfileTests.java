package io.github.qstashspring.sample;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.qstashspring.sample.order.Order;
import io.github.qstashspring.sample.order.OrderBook;
import io.github.qstashspring.signature.QStashSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code cloud} profile against a stand-in for Upstash QStash (WireMock): the four
 * standard environment variables and the public base URL configure the application, the
 * URL group is registered and the nightly report's schedule created at startup, and each
 * feature (deduplication and callbacks, flow control, the FIFO queue, the URL-group
 * fan-out, the fulfilment workflow's trigger and its first step) is sent with the headers
 * QStash expects. Deliveries are signed for the public URL as QStash would sign them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "QSTASH_TOKEN=cloud-test-token", "QSTASH_CURRENT_SIGNING_KEY=" + CloudProfileTests.CURRENT_KEY,
                "QSTASH_NEXT_SIGNING_KEY=sig_next_cloud_test",
                "QSTASH_LISTENER_BASE_URL=" + CloudProfileTests.PUBLIC_URL })
@ActiveProfiles("cloud")
class CloudProfileTests {

    static final String CURRENT_KEY = "sig_current_cloud_test";

    static final String PUBLIC_URL = "https://shop.example.com";

    private static final WireMockServer qstash = new WireMockServer(
            WireMockConfiguration.options().dynamicPort().http2PlainDisabled(true));

    /**
     * Starts the stand-in when the context first reads its URL, not when the class is
     * loaded: Spring's AOT processing of the tests loads this class without running it.
     */
    private static synchronized String startedQStashUrl() {
        if (qstash.isRunning()) {
            return qstash.baseUrl();
        }
        qstash.start();
        qstash.stubFor(post(urlMatching("/v2/topics/.*")).willReturn(aResponse().withStatus(200)));
        qstash.stubFor(get(urlEqualTo("/v2/schedules"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        qstash.stubFor(post(urlMatching("/v2/schedules/.*")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"scheduleId\":\"qstash-sample.open-orders-report\"}")));
        qstash.stubFor(post(urlEqualTo("/v2/publish/order-events")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("[{\"messageId\":\"msg_billing\",\"url\":\"" + PUBLIC_URL + "/qstash/events/billing\"},"
                    + "{\"messageId\":\"msg_analytics\",\"url\":\"" + PUBLIC_URL + "/qstash/events/analytics\"}]")));
        qstash.stubFor(post(urlMatching("/v2/(publish|enqueue)/.*http.*")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"messageId\":\"msg_cloud\"}")));
        qstash.stubFor(post(urlEqualTo("/v2/batch")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("[{\"messageId\":\"msg_workflow\"}]")));
        return qstash.baseUrl();
    }

    @DynamicPropertySource
    static void qstashUrl(DynamicPropertyRegistry registry) {
        registry.add("QSTASH_URL", CloudProfileTests::startedQStashUrl);
    }

    @AfterAll
    static void stopQStash() {
        qstash.stop();
    }

    @LocalServerPort
    private int port;

    @Autowired
    private OrderBook book;

    private RestClient http;

    @BeforeEach
    void client() {
        this.http = RestClient.create("http://127.0.0.1:" + this.port);
    }

    @Test
    void theOrderEventsUrlGroupIsRegisteredWithThePublicUrlsAtStartup() {
        qstash.verify(postRequestedFor(urlEqualTo("/v2/topics/order-events/endpoints"))
            .withHeader("Authorization", equalTo("Bearer cloud-test-token"))
            .withRequestBody(containing(PUBLIC_URL + "/qstash/events/billing"))
            .withRequestBody(containing(PUBLIC_URL + "/qstash/events/analytics")));
    }

    @Test
    void theNightlyReportScheduleIsCreatedForThePublicUrlAtStartup() {
        qstash.verify(1, postRequestedFor(urlMatching("/v2/schedules/.*")));
        qstash.verify(postRequestedFor(urlEqualTo("/v2/schedules/" + PUBLIC_URL + "/qstash/reports/open-orders"))
            .withHeader("Authorization", equalTo("Bearer cloud-test-token"))
            .withHeader("Upstash-Cron", equalTo("CRON_TZ=Europe/Berlin 0 2 * * *"))
            .withHeader("Upstash-Schedule-Id", equalTo("qstash-sample.open-orders-report")));
    }

    @Test
    void aScheduleTriggerIsAnsweredWithTheReportOfOpenOrders() {
        this.book.receive(new Order("cloud-4", "coffee", 2));

        ResponseEntity<String> answer = deliver("/qstash/reports/open-orders", "");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).contains("open order(s)").contains("cloud-4 RECEIVED");
    }

    @Test
    void anOrderIsPublishedAndItsProcessingSendsEveryFeatureToQStash() {
        Map<String, Object> accepted = this.http.post()
            .uri("/orders")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("id", "cloud-1", "item", "book", "quantity", 1))
            .retrieve()
            .body(new ParameterizedTypeReference<>() {
            });
        assertThat(accepted).containsEntry("messageId", "msg_cloud").containsEntry("workflowRunId", "wfr_cloud-1");
        qstash.verify(postRequestedFor(urlEqualTo("/v2/publish/" + PUBLIC_URL + "/qstash/orders"))
            .withHeader("Upstash-Deduplication-Id", equalTo("cloud-1"))
            .withHeader("Upstash-Callback", equalTo(PUBLIC_URL + "/qstash/orders/callback"))
            .withHeader("Upstash-Failure-Callback", equalTo(PUBLIC_URL + "/qstash/orders/failed")));
        qstash.verify(postRequestedFor(urlEqualTo("/v2/batch"))
            .withRequestBody(containing("\"destination\":\"" + PUBLIC_URL + "/workflows/order-fulfilment\""))
            .withRequestBody(containing("\"upstash-workflow-runid\":\"wfr_cloud-1\"")));

        ResponseEntity<String> answer = deliver("/qstash/orders",
                "{\"id\":\"cloud-1\",\"item\":\"book\",\"quantity\":1}");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).isEqualTo("processed order cloud-1");
        qstash.verify(postRequestedFor(urlEqualTo("/v2/enqueue/shipments/" + PUBLIC_URL + "/qstash/shipments"))
            .withRequestBody(containing("\"orderId\":\"cloud-1\"")));
        qstash.verify(postRequestedFor(urlEqualTo("/v2/publish/order-events"))
            .withRequestBody(equalTo("{\"orderId\":\"cloud-1\",\"type\":\"order.accepted\"}")));
    }

    @Test
    void theFirstStepOfTheFulfilmentWorkflowRequestsTheFlowControlledPayment() {
        String order = "{\"id\":\"cloud-5\",\"item\":\"mug\",\"quantity\":2}";
        String history = "[{\"messageId\":\"msg_0\",\"body\":\""
                + Base64.getEncoder().encodeToString(order.getBytes(StandardCharsets.UTF_8))
                + "\",\"callType\":\"step\"}]";

        ResponseEntity<String> answer = deliver("/workflows/order-fulfilment", history, (headers) -> {
            headers.set("Upstash-Workflow-Sdk-Version", "1");
            headers.set("Upstash-Workflow-RunId", "wfr_cloud-5");
        });

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        qstash.verify(postRequestedFor(urlEqualTo("/v2/publish/" + PUBLIC_URL + "/qstash/payments"))
            .withHeader("Upstash-Flow-Control-Key", equalTo("payment-provider"))
            .withHeader("Upstash-Flow-Control-Value", equalTo("parallelism=2, rate=10, period=1s"))
            .withRequestBody(equalTo("{\"orderId\":\"cloud-5\",\"amountCents\":1800}")));
        qstash.verify(postRequestedFor(urlEqualTo("/v2/batch"))
            .withRequestBody(containing("\"destination\":\"" + PUBLIC_URL + "/workflows/order-fulfilment\""))
            .withRequestBody(containing("charge")));
    }

    @Test
    void theUrlGroupEndpointsReceiveTheFannedOutEvent() {
        this.book.receive(new Order("cloud-2", "mug", 1));
        String event = "{\"orderId\":\"cloud-2\",\"type\":\"order.accepted\"}";

        assertThat(deliverFromUrlGroup("/qstash/events/billing", event).getStatusCode().value()).isEqualTo(200);
        assertThat(deliverFromUrlGroup("/qstash/events/analytics", event).getStatusCode().value()).isEqualTo(200);

        assertThat(this.book.find("cloud-2").orElseThrow().history()).contains(
                "billing saw order.accepted from URL group order-events",
                "analytics saw order.accepted from URL group order-events");
    }

    @Test
    void aDeliveryNotSignedForThePublicUrlIsRejected() {
        byte[] body = "{\"id\":\"cloud-3\",\"item\":\"book\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8);
        String signedForLocalUrl = new QStashSigner(CURRENT_KEY)
            .sign("http://127.0.0.1:" + this.port + "/qstash/orders", body);

        ResponseEntity<String> answer = this.http.post()
            .uri("/qstash/orders")
            .header("Upstash-Signature", signedForLocalUrl)
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .retrieve()
            .onStatus((status) -> true, (request, response) -> {
            })
            .toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getBody()).isEqualTo("{\"error\":\"Invalid Upstash-Signature: URL\"}");
    }

    private ResponseEntity<String> deliver(String path, String json) {
        return deliver(path, json, (headers) -> {
        });
    }

    private ResponseEntity<String> deliverFromUrlGroup(String path, String json) {
        return deliver(path, json, (headers) -> headers.set("Upstash-Topic-Name", "order-events"));
    }

    /**
     * Delivers a message the way QStash does: signed for the public URL, with a message
     * id.
     */
    private ResponseEntity<String> deliver(String path, String json, Consumer<HttpHeaders> extraHeaders) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return this.http.post()
            .uri(path)
            .header("Upstash-Signature", new QStashSigner(CURRENT_KEY).sign(PUBLIC_URL + path, body))
            .header("Upstash-Message-Id", "msg_" + UUID.randomUUID())
            .headers(extraHeaders)
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .retrieve()
            .toEntity(String.class);
    }

}
