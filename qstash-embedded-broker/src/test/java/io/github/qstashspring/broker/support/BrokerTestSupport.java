package io.github.qstashspring.broker.support;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.MutableClock;
import io.github.qstashspring.broker.QStashBrokerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts a broker on a fresh database with a {@link MutableClock}, a signature-verifying
 * receiver (any signature it rejects fails the test) and an API client for each test;
 * stops them and disposes of the database after it. Subclasses choose the database, and
 * may choose the clock and the properties.
 */
public abstract class BrokerTestSupport {

    @RegisterExtension
    protected final TestBrokers brokers = new TestBrokers();

    protected final MutableClock clock = new MutableClock();

    protected EmbeddedQStashBroker broker;

    protected TestReceiver receiver;

    protected BrokerClient api;

    /** The JDBC URL of this test's database. */
    protected String database;

    /**
     * @return the JDBC URL of a fresh database: H2 in memory unless overridden
     */
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

    /**
     * @return the broker's clock: {@link #clock} unless overridden
     */
    protected Clock brokerClock() {
        return this.clock;
    }

    /**
     * Changes the broker's properties before it starts.
     * @param properties the properties
     */
    protected void configure(QStashBrokerProperties properties) {
    }

    @BeforeEach
    void startBroker() {
        this.database = databaseUrl();
        this.broker = startBroker(this.database);
        this.receiver = TestReceiver.verifyingFor(() -> this.broker);
        this.api = BrokerClient.of(this.broker);
    }

    @AfterEach
    void stopReceiver() {
        this.receiver.close();
    }

    /**
     * Starts another broker (stopped after the test) with this test's clock and
     * properties.
     * @param database the JDBC URL of its database
     * @return the running broker
     */
    protected EmbeddedQStashBroker startBroker(String database) {
        return this.brokers.start(database, brokerClock(), this::configure);
    }

    /** Stops the broker and starts a new one on the same database. */
    protected void restartBroker() {
        this.broker.close();
        this.broker = startBroker(this.database);
        this.api = BrokerClient.of(this.broker);
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
        List<String> states = new ArrayList<>();
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
