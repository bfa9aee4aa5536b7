package io.github.qstashspring.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.qstashspring.autoconfigure.QStashConnectionDetails;
import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.client.DlqMessage;
import io.github.qstashspring.client.FlowControl;
import io.github.qstashspring.client.LogEntry;
import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.PublishResponse;
import io.github.qstashspring.client.QStashApiException;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.test.OrderTestApplication.Order;
import io.github.qstashspring.test.OrderTestApplication.OrderListeners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EmbeddedQStash} and {@link QStashTestBroker} on a real application with real
 * listeners. {@code @Isolated}: it resets the broker and moves its clock, which
 * {@code ParallelContextsTests.First} (same configuration, so the same context and
 * broker) must not see while running.
 */
@Isolated
@SpringBootTest(classes = OrderTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedQStash
class EmbeddedQStashTests {

    @Autowired
    private QStashOperations template;

    @Autowired
    private QStashTestBroker qstash;

    @Autowired
    private QStashConnectionDetails connectionDetails;

    @Autowired
    private OrderListeners listeners;

    @LocalServerPort
    private int port;

    @BeforeEach
    void startClean() {
        this.qstash.reset();
        this.listeners.paymentsDown.set(false);
    }

    @Test
    void templateAndListenerVerificationPointAtTheBroker() {
        assertThat(this.connectionDetails.getUrl()).isEqualTo(this.qstash.getBroker().getUrl());
        assertThat(this.connectionDetails.getCurrentSigningKey())
            .isEqualTo(this.qstash.getBroker().getCurrentSigningKey());
        QStashBrokerProperties brokerProperties = this.qstash.getBroker()
            .getApplicationContext()
            .getBean(QStashBrokerProperties.class);
        // application.properties asks for port 1 and a file database: the test settings
        // win.
        assertThat(this.qstash.getBroker().getPort()).isNotEqualTo(1);
        assertThat(brokerProperties.getDatabase().getUrl()).doesNotContain("qstash-must-not-be-used");
    }

    @Test
    void urlIsTheApplicationsOwnAddress() {
        assertThat(this.qstash.url("/qstash/orders")).isEqualTo("http://127.0.0.1:" + this.port + "/qstash/orders");
    }

    @Test
    void awaitsADeliveryAndShowsWhatTheListenerReceivedAndAnswered() {
        String messageId = this.template.publishJson(this.qstash.url("/qstash/orders"), new Order("o-1", 2))
            .messageId();

        LogEntry delivered = this.qstash.awaitDelivered(messageId);
        ReceivedDelivery received = this.qstash.awaitReceived(messageId);

        assertThat(delivered.messageId()).isEqualTo(messageId);
        assertThat(received.path()).isEqualTo("/qstash/orders");
        assertThat(received.bodyAsString()).isEqualTo("{\"id\":\"o-1\",\"quantity\":2}");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.retried()).isZero();
        // 200: the signature verified, URL included, although application.properties sets
        // a production base-url.
        assertThat(received.status()).isEqualTo(200);
        assertThat(received.responseBodyAsString()).isEqualTo("accepted o-1");
        assertThat(received.isSuccess()).isTrue();
        assertThat(this.qstash.states(messageId)).containsExactly("CREATED", "ACTIVE", "DELIVERED");
        assertThat(this.qstash.received("/qstash/orders")).containsExactly(received);
    }

    @Test
    void applicationCodePublishingToItsOwnListenerNeedsNoConfiguration() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(this.qstash.url("/orders")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"o-7\",\"quantity\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String messageId = response.body();

        ReceivedDelivery received = this.qstash.awaitReceived(messageId);
        assertThat(received.path()).isEqualTo("/qstash/orders");
        assertThat(received.status()).isEqualTo(200);
    }

    @Test
    void advancingTheClockToTheNextAttemptTriggersTheRetry() {
        this.listeners.paymentsDown.set(true);
        String messageId = this.template.publish(PublishRequest.to(this.qstash.url("/qstash/payments")).body("pay 42"))
            .messageId();

        LogEntry firstFailure = this.qstash.awaitFailedAttempts(messageId, 1);
        assertThat(firstFailure.responseStatus()).isEqualTo(500);
        this.listeners.paymentsDown.set(false);
        Instant retryTime = this.qstash.advanceClockToNextAttempt(messageId);

        assertThat(Duration.between(firstFailure.time(), retryTime)).isEqualTo(Duration.ofMillis(12_182)); // e^2.5
                                                                                                           // s
        List<ReceivedDelivery> attempts = this.qstash.awaitReceived(messageId, 2);
        assertThat(attempts).extracting(ReceivedDelivery::retried).containsExactly(0, 1);
        assertThat(attempts).extracting(ReceivedDelivery::status).containsExactly(500, 200);
        this.qstash.awaitDelivered(messageId);
    }

    @Test
    void eachRetryIsReachedByAdvancingTheClockToIt() {
        this.listeners.paymentsDown.set(true);
        String messageId = this.template
            .publish(PublishRequest.to(this.qstash.url("/qstash/payments")).body("pay 43").retries(2))
            .messageId();

        Instant firstRetry = this.qstash.advanceClockToNextAttempt(messageId);
        Instant secondRetry = this.qstash.advanceClockToNextAttempt(messageId);

        assertThat(Duration.between(firstRetry, secondRetry)).isEqualTo(Duration.ofMillis(148_413)); // e^5
                                                                                                     // s
        this.qstash.awaitInDlq(messageId);
        assertThat(this.qstash.awaitReceived(messageId, 3)).extracting(ReceivedDelivery::retried)
            .containsExactly(0, 1, 2);
    }

    @Test
    void aDelayedMessageIsDeliveredWhenTheClockReachesItsTime() {
        String messageId = this.template
            .publish(PublishRequest.to(this.qstash.url("/qstash/orders"))
                .json(new Order("o-2", 1))
                .delay(Duration.ofDays(1)))
            .messageId();
        this.qstash.awaitState(messageId, "CREATED");

        this.qstash.advanceClock(Duration.ofDays(1));

        this.qstash.awaitDelivered(messageId);
        assertThat(this.qstash.received("/qstash/orders")).singleElement()
            .satisfies((received) -> assertThat(received.messageId()).isEqualTo(messageId));
    }

    @Test
    void aNonRetryableFailureEndsInTheDlqWithAFailureCallback() {
        String messageId = this.template
            .publish(PublishRequest.to(this.qstash.url("/qstash/orders"))
                .json(new Order("o-3", 0))
                .failureCallback(this.qstash.url("/qstash/callbacks")))
            .messageId();

        DlqMessage dead = this.qstash.awaitInDlq(messageId);

        assertThat(dead.responseStatus()).isEqualTo(489);
        assertThat(this.qstash.states(messageId)).containsExactly("CREATED", "ACTIVE", "ERROR", "FAILED");
        ReceivedDelivery callback = this.qstash.awaitReceivedOn("/qstash/callbacks");
        assertThat(callback.bodyAsString()).contains("\"dlqId\":\"" + dead.dlqId() + "\"")
            .contains("\"sourceMessageId\":\"" + messageId + "\"");
        assertThat(callback.status()).isEqualTo(200);
    }

    @Test
    void resetStartsANewFlowControlPeriodSoEarlierTestsDoNotUseUpTheRate() {
        PublishRequest limited = PublishRequest.to(this.qstash.url("/qstash/orders"))
            .json(new Order("o-6", 1))
            .flowControl(FlowControl.key("reset-rate-test").rate(1).period(Duration.ofSeconds(1)));
        this.qstash.awaitDelivered(this.template.publish(limited).messageId());

        this.qstash.reset();

        // The clock stood still, so without a new period this message would wait for the
        // next second.
        this.qstash.awaitDelivered(this.template.publish(limited).messageId());
    }

    @Test
    void resetDeletesMessagesLogsDeduplicationIdsAndRecordedDeliveries() {
        PublishRequest deduplicated = PublishRequest.to(this.qstash.url("/qstash/orders"))
            .json(new Order("o-4", 1))
            .deduplicationId("reset-test");
        String delivered = this.template.publish(deduplicated).messageId();
        this.qstash.awaitReceived(delivered);
        String waiting = this.template
            .publish(PublishRequest.to(this.qstash.url("/qstash/orders"))
                .json(new Order("o-5", 1))
                .delay(Duration.ofHours(1)))
            .messageId();

        this.qstash.reset();

        assertThat(this.qstash.received()).isEmpty();
        assertThat(this.qstash.states(delivered)).isEmpty();
        assertThatExceptionOfType(QStashApiException.class).isThrownBy(() -> this.template.messages().get(waiting))
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(404));
        assertThat(this.template.signingKeys().get().current())
            .isEqualTo(this.connectionDetails.getCurrentSigningKey());
        PublishResponse afterReset = this.template.publish(deduplicated);
        assertThat(afterReset.deduplicated()).isFalse();
        this.qstash.awaitDelivered(afterReset.messageId());
    }

    @Test
    void aWaitThatIsNotFulfilledFailsWithWhatWasSeen() {
        String messageId = this.template
            .publish(PublishRequest.to(this.qstash.url("/qstash/orders"))
                .json(new Order("o-6", 1))
                .delay(Duration.ofDays(7)))
            .messageId();
        this.qstash.setAwaitTimeout(Duration.ofMillis(300));
        try {
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.qstash.awaitDelivered(messageId))
                .withMessageContaining("waiting for message " + messageId + " to reach DELIVERED")
                .withMessageContaining("states [CREATED]");
        }
        finally {
            this.qstash.setAwaitTimeout(Duration.ofSeconds(10));
        }
    }

}
