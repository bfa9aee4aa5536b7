package io.github.qstashspring.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicInteger;

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
 * same H2 file.
 */
class BrokerCrashIT {

    private static final int MESSAGES = 300;

    @Test
    void everyAcceptedMessageIsDeliveredAfterAKillDashNine(@TempDir Path directory) throws Exception {
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        AtomicInteger arrivals = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        QStashSignatureVerifier verifier = QStashSignatureVerifier.builder()
            .currentSigningKey(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY)
            .nextSigningKey(QStashBrokerProperties.DEV_NEXT_SIGNING_KEY)
            .build();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(64));
        receiver.createContext("/", (exchange) -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + exchange.getRequestURI().getRawPath();
            int status = 200;
            try {
                verifier.verify(exchange.getRequestHeaders().getFirst("Upstash-Signature"), body, url);
                arrivals.incrementAndGet();
                // Hold the deliveries of the first run in flight until the broker has
                // been killed.
                release.await(60, TimeUnit.SECONDS);
                delivered.add(exchange.getRequestHeaders().getFirst("Upstash-Message-Id"));
            }
            catch (QStashSignatureException ex) {
                status = 401;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            try {
                exchange.sendResponseHeaders(status, -1);
            }
            catch (IOException ex) {
                // The broker that sent this request is gone.
            }
            exchange.close();
        });
        receiver.start();
        Path log = directory.resolve("broker.log");
        String database = "--qstash.embedded.database.url=jdbc:h2:file:" + directory.resolve("db");
        int port = StandaloneBrokerProcess.freePort();
        String destination = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/crash";
        List<String> accepted = new ArrayList<>();
        try {
            try (StandaloneBrokerProcess first = StandaloneBrokerProcess.start(port, log, database)) {
                BrokerClient client = first.client();
                for (int batch = 0; batch < MESSAGES / 50; batch++) {
                    StringBuilder body = new StringBuilder("[");
                    for (int i = 0; i < 50; i++) {
                        body.append(i > 0 ? "," : "")
                            .append("{\"destination\":\"")
                            .append(destination)
                            .append("\",\"body\":\"m")
                            .append(batch * 50 + i)
                            .append("\"}");
                    }
                    BrokerClient.Response response = client.post("/v2/batch",
                            Map.of("Content-Type", "application/json"), body.append("]").toString());
                    assertThat(response.status()).isEqualTo(200);
                    for (JsonNode result : response.json()) {
                        accepted.add(result.get("messageId").asString());
                    }
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> arrivals.get() >= 10);
                first.killHard();
            }
            release.countDown();
            assertThat(accepted).hasSize(MESSAGES);
            assertThat(delivered).as("nothing was acknowledged to the killed broker").hasSizeLessThan(MESSAGES);
            try (StandaloneBrokerProcess second = StandaloneBrokerProcess.start(port, log, database)) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(delivered).containsAll(accepted));
            }
        }
        finally {
            release.countDown();
            receiver.stop(0);
        }
        assertThat(new String(java.nio.file.Files.readAllBytes(log), StandardCharsets.UTF_8)).contains("Released");
    }

}
