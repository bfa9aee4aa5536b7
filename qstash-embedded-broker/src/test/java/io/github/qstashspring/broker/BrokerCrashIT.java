package io.github.qstashspring.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.StandaloneBrokerProcess;
import io.github.qstashspring.signature.QStashSignatureException;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durability: messages accepted by the standalone broker survive a {@code kill -9} in the
 * middle of their deliveries and are all delivered (at least once) after a restart on the
 * same H2 file. The killed broker's deliveries are held by a receiver that never answers
 * and is gone with it; a new receiver on the same port counts the restarted broker's
 * deliveries only, which must include every message the killed one had in flight.
 */
class BrokerCrashIT {

    private static final int MESSAGES = 300;

    private final QStashSignatureVerifier verifier = QStashSignatureVerifier.builder()
        .currentSigningKey(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY)
        .nextSigningKey(QStashBrokerProperties.DEV_NEXT_SIGNING_KEY)
        .build();

    /** Messages the killed broker was delivering (held until it was gone). */
    private final Set<String> inFlightAtKill = ConcurrentHashMap.newKeySet();

    /** Messages delivered by the restarted broker. */
    private final Set<String> deliveredAfterRestart = ConcurrentHashMap.newKeySet();

    private final Set<String> signatureFailures = ConcurrentHashMap.newKeySet();

    private final CountDownLatch killed = new CountDownLatch(1);

    @Test
    void everyAcceptedMessageIsDeliveredAfterAKillDashNine(@TempDir Path directory) throws Exception {
        HttpServer heldByFirst = receiver(0, (messageId) -> {
            this.inFlightAtKill.add(messageId);
            this.killed.await(60, TimeUnit.SECONDS);
            return 503;
        });
        int receiverPort = heldByFirst.getAddress().getPort();
        Path log = directory.resolve("broker.log");
        String database = "--qstash.embedded.database.url=jdbc:h2:file:" + directory.resolve("db");
        int port = StandaloneBrokerProcess.freePort();
        String destination = "http://127.0.0.1:" + receiverPort + "/crash";
        List<String> accepted = new ArrayList<>();
        HttpServer deliveredToSecond = null;
        try {
            try (StandaloneBrokerProcess first = StandaloneBrokerProcess.start(port, log, database)) {
                for (int batch = 0; batch < MESSAGES / 50; batch++) {
                    accepted.addAll(publishBatch(first.client(), destination, batch));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> this.inFlightAtKill.size() >= 10);
                first.killHard();
            }
            // The first receiver goes with the killed broker: a request of the first run
            // can never reach the second one.
            heldByFirst.stop(0);
            this.killed.countDown();
            assertThat(accepted).hasSize(MESSAGES);
            Set<String> heldByKilledRun = Set.copyOf(this.inFlightAtKill);
            deliveredToSecond = receiver(receiverPort, (messageId) -> {
                this.deliveredAfterRestart.add(messageId);
                return 200;
            });
            try (StandaloneBrokerProcess second = StandaloneBrokerProcess.start(port, log, database)) {
                await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertThat(this.deliveredAfterRestart).containsAll(accepted));
            }
            assertThat(heldByKilledRun).as("in flight when the broker was killed").hasSizeGreaterThanOrEqualTo(10);
            assertThat(this.deliveredAfterRestart).as("redelivered after the restart").containsAll(heldByKilledRun);
        }
        finally {
            this.killed.countDown();
            heldByFirst.stop(0);
            if (deliveredToSecond != null) {
                deliveredToSecond.stop(0);
            }
        }
        assertThat(this.signatureFailures).isEmpty();
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
            .contains("messages claimed by a previous run for redelivery");
    }

    private static List<String> publishBatch(BrokerClient client, String destination, int batch) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            body.append((i > 0) ? "," : "")
                .append("{\"destination\":\"")
                .append(destination)
                .append("\",\"body\":\"m")
                .append(batch * 50 + i)
                .append("\"}");
        }
        BrokerClient.Response response = client.post("/v2/batch", Map.of("Content-Type", "application/json"),
                body.append("]").toString());
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode result : response.json()) {
            ids.add(result.get("messageId").asString());
        }
        return ids;
    }

    /**
     * A receiver on 127.0.0.1 that verifies each delivery and lets {@code answer} decide
     * its status. More threads than the broker's 32 concurrent deliveries, so that none
     * waits for one.
     */
    private HttpServer receiver(int port, Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/", (exchange) -> receive(exchange, answer));
        server.start();
        return server;
    }

    private void receive(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String url = "http://127.0.0.1:" + exchange.getLocalAddress().getPort() + exchange.getRequestURI().getRawPath();
        String messageId = exchange.getRequestHeaders().getFirst("Upstash-Message-Id");
        int status;
        try {
            this.verifier.verify(exchange.getRequestHeaders().getFirst("Upstash-Signature"), body, url);
            status = answer.statusFor(messageId);
        }
        catch (QStashSignatureException ex) {
            this.signatureFailures.add(messageId + ": " + ex.getMessage());
            status = 401;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            status = 503;
        }
        try {
            exchange.sendResponseHeaders(status, -1);
        }
        catch (IOException ex) {
            // The broker that sent this request is gone.
        }
        exchange.close();
    }

    @FunctionalInterface
    private interface Answer {

        int statusFor(String messageId) throws InterruptedException;

    }

}
