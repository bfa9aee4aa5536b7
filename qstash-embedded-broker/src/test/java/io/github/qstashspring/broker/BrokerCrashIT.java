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
import io.github.qstashspring.broker.support.TestBrokers;
import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durability: messages accepted by the standalone broker survive a {@code kill -9} in the
 * middle of their deliveries and are all delivered (at least once) by the broker that
 * comes next: the same broker restarted on the same H2 file (which releases the previous
 * run's claims at once) or PostgreSQL schema (which releases them when the killed run's
 * heartbeat is missed, within seconds), or a second broker that shares the PostgreSQL
 * schema and was running all along. The killed broker's deliveries are held by a receiver
 * that never answers and is gone with it; a new receiver on the same port counts the next
 * broker's deliveries only, which must include every message the killed one had in
 * flight.
 */
class BrokerCrashIT {

    private static final int MESSAGES = 300;

    /**
     * Every message goes to one receiver: it may have all 32 deliveries at once (not the
     * default 8 of one destination host), so that many are in flight at the kill.
     */
    private static final String ALL_SLOTS_FOR_ONE_HOST = "--qstash.embedded.delivery.max-per-host=32";

    /** Fewer than the killed broker's free delivery slots: it claims them all at once. */
    private static final int CLAIMED_AT_ONCE = 40;

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    private final QStashSignatureVerifier verifier = QStashSignatureVerifier.builder()
        .currentSigningKey(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY)
        .nextSigningKey(QStashBrokerProperties.DEV_NEXT_SIGNING_KEY)
        .build();

    /** Messages the killed broker was delivering (held until it was gone). */
    private final Set<String> inFlightAtKill = ConcurrentHashMap.newKeySet();

    /** Messages delivered by the broker that came after the kill. */
    private final Set<String> deliveredAfterKill = ConcurrentHashMap.newKeySet();

    private final Set<String> signatureFailures = ConcurrentHashMap.newKeySet();

    private final CountDownLatch killed = new CountDownLatch(1);

    private final List<String> databases = new ArrayList<>();

    @AfterEach
    void disposeDatabases() {
        this.databases.forEach(TestDatabases::dispose);
    }

    @Test
    void everyAcceptedMessageIsDeliveredAfterAKillDashNine(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("broker.log");
        killAndRestart(log, "jdbc:h2:file:" + directory.resolve("db"), Duration.ofSeconds(90));
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
            .contains("messages claimed by a previous run for redelivery");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
    void onPostgresTheRestartedBrokerRedeliversTheKilledRunsMessagesWithinSeconds(@TempDir Path directory)
            throws Exception {
        Path log = directory.resolve("broker.log");
        String database = TestDatabases.postgres();
        this.databases.add(database);
        // Without heartbeats the claims stayed until their leases expired: 16 minutes.
        killAndRestart(log, database, Duration.ofSeconds(30));
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
            .contains("messages claimed by broker instances that wrote no heartbeat");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
    void aLiveBrokerOnTheSameDatabaseTakesOverTheClaimsOfAKilledOne(@TempDir Path directory) throws Exception {
        String database = TestDatabases.postgres();
        HttpServer heldByFirst = receiver(0, this::holdUntilKilled);
        int receiverPort = heldByFirst.getAddress().getPort();
        String destination = "http://127.0.0.1:" + receiverPort + "/crash";
        List<String> accepted = new ArrayList<>();
        HttpServer deliveredToSecond = null;
        try {
            try (StandaloneBrokerProcess first = StandaloneBrokerProcess.start(StandaloneBrokerProcess.freePort(),
                    directory.resolve("broker.log"), "--qstash.embedded.database.url=" + database,
                    ALL_SLOTS_FOR_ONE_HOST)) {
                accepted.addAll(publishBatch(first.client(), destination, 0, CLAIMED_AT_ONCE));
                // All claimed in one transaction before the first was sent: the second
                // broker, started now, finds nothing to claim while the first lives.
                await().atMost(Duration.ofSeconds(30)).until(() -> this.inFlightAtKill.size() >= 10);
                // Brokers sharing a database run with the same credentials: the
                // standalone first one's are the public development ones.
                this.brokers.start(database, null, (properties) -> properties.setDevelopmentCredentials(true));
                first.killHard();
            }
            heldByFirst.stop(0);
            this.killed.countDown();
            Set<String> heldByKilledBroker = Set.copyOf(this.inFlightAtKill);
            deliveredToSecond = receiver(receiverPort, this::deliver);
            // Without heartbeats the claims stayed until their leases expired: 16
            // minutes.
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(this.deliveredAfterKill).containsAll(accepted));
            assertThat(heldByKilledBroker).as("in flight when the broker was killed").hasSizeGreaterThanOrEqualTo(10);
        }
        finally {
            this.killed.countDown();
            heldByFirst.stop(0);
            if (deliveredToSecond != null) {
                deliveredToSecond.stop(0);
            }
        }
        assertThat(this.signatureFailures).isEmpty();
    }

    /**
     * Publishes {@value #MESSAGES} messages through a broker, kills it while their
     * deliveries hang, restarts it on the same database and waits until every message was
     * delivered by the restarted broker.
     */
    private void killAndRestart(Path log, String database, Duration deadline) throws Exception {
        HttpServer heldByFirst = receiver(0, this::holdUntilKilled);
        int receiverPort = heldByFirst.getAddress().getPort();
        String databaseArgument = "--qstash.embedded.database.url=" + database;
        int port = StandaloneBrokerProcess.freePort();
        String destination = "http://127.0.0.1:" + receiverPort + "/crash";
        List<String> accepted = new ArrayList<>();
        HttpServer deliveredToSecond = null;
        try {
            try (StandaloneBrokerProcess first = StandaloneBrokerProcess.start(port, log, databaseArgument,
                    ALL_SLOTS_FOR_ONE_HOST)) {
                for (int batch = 0; batch < MESSAGES / 50; batch++) {
                    accepted.addAll(publishBatch(first.client(), destination, batch * 50, 50));
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
            deliveredToSecond = receiver(receiverPort, this::deliver);
            try (StandaloneBrokerProcess second = StandaloneBrokerProcess.start(port, log, databaseArgument,
                    ALL_SLOTS_FOR_ONE_HOST)) {
                await().atMost(deadline).untilAsserted(() -> assertThat(this.deliveredAfterKill).containsAll(accepted));
            }
            assertThat(heldByKilledRun).as("in flight when the broker was killed").hasSizeGreaterThanOrEqualTo(10);
            assertThat(this.deliveredAfterKill).as("redelivered after the restart").containsAll(heldByKilledRun);
        }
        finally {
            this.killed.countDown();
            heldByFirst.stop(0);
            if (deliveredToSecond != null) {
                deliveredToSecond.stop(0);
            }
        }
        assertThat(this.signatureFailures).isEmpty();
    }

    private int holdUntilKilled(String messageId) throws InterruptedException {
        this.inFlightAtKill.add(messageId);
        this.killed.await(60, TimeUnit.SECONDS);
        return 503;
    }

    private int deliver(String messageId) {
        this.deliveredAfterKill.add(messageId);
        return 200;
    }

    private static List<String> publishBatch(BrokerClient client, String destination, int first, int count) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append((i > 0) ? "," : "")
                .append("{\"destination\":\"")
                .append(destination)
                .append("\",\"body\":\"m")
                .append(first + i)
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
