package io.github.qstashspring.broker.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts a broker on a fresh database with a {@link MutableClock}, a signature-verifying
 * receiver and an API client for each test. Subclasses choose the database.
 */
public abstract class BrokerTestSupport {

    protected MutableClock clock;

    protected EmbeddedQStashBroker broker;

    protected TestReceiver receiver;

    protected BrokerClient api;

    /** The JDBC URL of this test's database. */
    protected String database;

    /**
     * @return the JDBC URL of a fresh database
     */
    protected abstract String databaseUrl();

    @BeforeEach
    void startBroker() {
        this.clock = new MutableClock();
        this.database = databaseUrl();
        this.broker = EmbeddedQStashBroker.builder().databaseUrl(this.database).clock(this.clock).start();
        this.receiver = TestReceiver.verifyingFor(() -> this.broker);
        this.api = BrokerClient.of(this.broker);
    }

    @AfterEach
    void stopBroker() {
        this.receiver.close();
        this.broker.close();
    }

    /** Publishes to a receiver path and returns the message id. */
    protected String publish(String path, Map<String, String> headers, String body) {
        BrokerClient.Response response = this.api.post("/v2/publish/" + this.receiver.url(path), headers, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("messageId").asString();
    }

    /** Waits until a path received the given number of requests. */
    protected List<TestReceiver.Received> awaitReceived(String path, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> this.receiver.received(path).size() >= count);
        return this.receiver.received(path);
    }

    /** The states logged for a message, oldest first. */
    protected List<String> states(String messageId) {
        JsonNode logs = this.api.get("/v2/logs?messageId=" + messageId).json().get("logs");
        List<String> states = new java.util.ArrayList<>();
        logs.forEach((entry) -> states.add(0, entry.get("state").asString()));
        return states;
    }

    /** Waits until the broker logged the given state for a message. */
    protected void awaitState(String messageId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> states(messageId).contains(state));
    }

    /** Advances the broker's clock and runs due work. */
    protected void advance(Duration amount) {
        this.broker.advanceClock(amount);
    }

}
