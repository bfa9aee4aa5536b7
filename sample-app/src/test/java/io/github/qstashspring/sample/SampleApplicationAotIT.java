package io.github.qstashspring.sample;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a user ships it, in Spring's AOT mode: the jar built with
 * {@code spring-boot:process-aot} runs with {@code -Dspring.aot.enabled=true} in a JVM of
 * its own (its bean definitions come from the generated code, not from the configuration
 * classes), with the embedded broker in its own, non-AOT context inside it. The sample's
 * flow runs through the shop's HTTP API: publish with deduplication, listener, callback,
 * the fulfilment workflow (its first step requests the flow-controlled payment; it then
 * waits for the warehouse), FIFO shipment, URL-group fan-out, the DLQ with its failure
 * callback, the schedule on the broker, and the actuator. The runtime hints a native
 * build would use are read from the jar. Time is not moved here (the broker runs on the
 * system clock), so the nightly schedule is checked as created, not as triggered;
 * {@code SampleApplicationTests} triggers it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationAotIT {

    private static final Duration STARTUP = Duration.ofMinutes(5);

    private static final Duration FLOW = Duration.ofMinutes(2);

    private static final String METADATA = "META-INF/native-image/io.github.qstashspring/sample-app/reachability-metadata.json";

    @TempDir
    static Path workDir;

    private static Process application;

    private static Path log;

    private static RestClient http;

    @BeforeAll
    static void startTheProcessedJarInAotMode() throws IOException {
        int port = freePort();
        log = workDir.resolve("application.log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Dspring.aot.enabled=true", "-jar",
                jar().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--qstash.embedded.database.url=jdbc:h2:mem:sample-aot;DB_CLOSE_DELAY=-1"));
        application = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        http = RestClient.create("http://127.0.0.1:" + port);
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(application.isAlive()).as("the application exited:%n%s", logText()).isTrue();
            return logText().contains("Started SampleApplication");
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (application != null) {
            application.destroy();
            if (!application.waitFor(60, TimeUnit.SECONDS)) {
                application.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Order(1)
    void theApplicationRunsOnItsGeneratedCode() {
        assertThat(logText()).contains("Starting AOT-processed SampleApplication")
            .contains("Embedded QStash broker started at http://127.0.0.1:");
        assertThat(get("/actuator/health").path("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health").path("components").path("qstash").path("status").asString()).isEqualTo("UP");
        // The in-app broker's indicator, from the generated bean definitions of its
        // auto-configuration.
        assertThat(get("/actuator/health").path("components").path("qstashBroker").path("status").asString())
            .isEqualTo("UP");
    }

    @Test
    @Order(2)
    void anOrderIsProcessedConfirmedPaidShippedAndAnnouncedAndItsRepublicationIsDeduplicated() {
        JsonNode accepted = placeOrder("aot-1", "book", 2);
        assertThat(accepted.path("deduplicated").asBoolean()).isFalse();
        assertThat(accepted.path("workflowRunId").asString()).isEqualTo("wfr_aot-1");

        await().atMost(FLOW).untilAsserted(() -> {
            JsonNode order = get("/orders/aot-1");
            assertThat(order.path("status").asString()).isEqualTo("SHIPPED");
            assertThat(order.path("deliveryConfirmed").asBoolean()).isTrue();
            assertThat(history(order)).contains("processed", "delivery confirmed by callback (200)", "paid 3000 cents",
                    "shipped", "billing saw order.accepted from URL group order-events",
                    "analytics saw order.accepted from URL group order-events");
        });
        // The fulfilment run is waiting for the warehouse (or will: the event is kept).
        assertThat(http.post()
            .uri("/warehouse/packed")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("orderId", "aot-1", "parcels", 1))
            .retrieve()
            .toBodilessEntity()
            .getStatusCode()
            .value()).isEqualTo(202);
        JsonNode again = placeOrder("aot-1", "book", 2);
        assertThat(again.path("deduplicated").asBoolean()).isTrue();
        assertThat(again.path("messageId").asString()).isEqualTo(accepted.path("messageId").asString());
    }

    @Test
    @Order(3)
    void anOrderThatCanNeverSucceedEndsInTheDlqAndTheFailureCallbackRejectsIt() {
        String messageId = placeOrder("aot-2", "piano", 1).path("messageId").asString();

        await().atMost(FLOW).untilAsserted(() -> {
            JsonNode order = get("/orders/aot-2");
            assertThat(order.path("status").asString()).isEqualTo("REJECTED");
            assertThat(order.path("dlqId").asString()).isNotEmpty();
        });
        List<Map<String, Object>> deadLetters = http.get()
            .uri("/dead-letters")
            .retrieve()
            .body(new ParameterizedTypeReference<>() {
            });
        assertThat(deadLetters).anySatisfy((letter) -> assertThat(letter).containsEntry("messageId", messageId)
            .containsEntry("responseStatus", 489));
    }

    @Test
    @Order(4)
    void theQStashEndpointShowsTheListenersAndTheScheduleOnTheBroker() {
        JsonNode endpoint = get("/actuator/qstash");

        List<String> payloadTypes = new ArrayList<>();
        endpoint.path("listeners").forEach((listener) -> payloadTypes.add(listener.path("payloadType").asString()));
        assertThat(payloadTypes).contains("io.github.qstashspring.sample.order.Order",
                "io.github.qstashspring.sample.messaging.PaymentRequest",
                "io.github.qstashspring.listener.QStashCallbackPayload");
        JsonNode schedule = endpoint.path("schedules").get(0);
        assertThat(schedule.path("id").asString()).isEqualTo("qstash-sample.open-orders-report");
        assertThat(schedule.path("server").path("state").asString()).isEqualTo("up-to-date");
        assertThat(schedule.path("server").path("nextScheduleTime").isMissingNode()).isFalse();
        assertThat(http.get().uri("/actuator/prometheus").retrieve().body(String.class))
            .contains("qstash_client_requests_seconds_count", "qstash_listener_seconds_count");
    }

    @Test
    @Order(5)
    void theJarCarriesTheHintsANativeImageNeedsForTheListenersAndTheClient() throws IOException {
        JsonNode metadata;
        try (ZipFile jar = new ZipFile(jar().toFile())) {
            ZipEntry entry = jar.getEntry(METADATA);
            assertThat(entry).as(METADATA).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                metadata = JsonMapper.shared().readTree(in);
            }
        }
        List<String> types = new ArrayList<>();
        metadata.path("reflection").forEach((hint) -> types.add(hint.path("type").toString()));
        assertThat(types).contains(quoted("io.github.qstashspring.sample.order.Order"),
                quoted("io.github.qstashspring.sample.messaging.PaymentRequest"),
                quoted("io.github.qstashspring.sample.messaging.Shipment"),
                quoted("io.github.qstashspring.sample.messaging.OrderEvent"),
                quoted("io.github.qstashspring.client.SigningKeys"), quoted("io.github.qstashspring.client.Schedule"),
                quoted("io.github.qstashspring.listener.ListenerEndpoint"),
                quoted("io.github.qstashspring.actuate.QStashEndpoint$QStashDescriptor"));
        assertThat(types).anySatisfy((type) -> assertThat(type).contains("\"proxy\"")
            .contains("io.github.qstashspring.listener.QStashListener"));
    }

    private static JsonNode placeOrder(String id, String item, int quantity) {
        String body = http.post()
            .uri("/orders")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("id", id, "item", item, "quantity", quantity))
            .retrieve()
            .body(String.class);
        return JsonMapper.shared().readTree(body);
    }

    private static JsonNode get(String path) {
        return JsonMapper.shared().readTree(http.get().uri(path).retrieve().body(String.class));
    }

    private static List<String> history(JsonNode order) {
        List<String> steps = new ArrayList<>();
        order.path("history").forEach((step) -> steps.add(step.asString()));
        return steps;
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    private static Path jar() {
        String jar = System.getProperty("sample.jar");
        assertThat(jar).as("system property sample.jar (set by the failsafe configuration)").isNotNull();
        return Path.of(jar);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
            .toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        }
        catch (IOException ex) {
            return "(log unreadable: " + ex + ")";
        }
    }

}
