package io.github.qstashspring.inapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.client.DlqFilter;
import io.github.qstashspring.client.DlqMessage;
import io.github.qstashspring.client.LogEntry;
import io.github.qstashspring.client.LogFilter;
import io.github.qstashspring.client.Message;
import io.github.qstashspring.client.MessageFilter;
import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.PublishResponse;
import io.github.qstashspring.client.PublishResult;
import io.github.qstashspring.client.QStashApiException;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.SigningKeys;
import io.github.qstashspring.inapp.InAppTestApplication.Listeners;
import io.github.qstashspring.inapp.InAppTestApplication.Order;
import io.github.qstashspring.listener.QStashCallbackPayload;
import io.github.qstashspring.listener.QStashMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * In-app mode end to end, with nothing but {@code qstash.embedded.enabled=true}: the
 * application publishes with its {@link QStashOperations} to its own
 * {@code @QStashListener}s through the embedded broker, which signs every delivery; the
 * listeners verify the signatures (keys and URL) for real. The broker's clock is moved by
 * the test.
 */
@SpringBootTest(classes = InAppTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "qstash.embedded.enabled=true", "qstash.embedded.port=0", "qstash.listener.base-url=",
                "qstash.embedded.database.url=jdbc:h2:mem:in-app-end-to-end;DB_CLOSE_DELAY=-1" })
class InAppEndToEndTests {

    private static final Duration AWAIT = Duration.ofSeconds(20);

    @Autowired
    private QStashOperations template;

    @Autowired
    private EmbeddedQStashBroker broker;

    @Autowired
    private Listeners listeners;

    @LocalServerPort
    private int port;

    @BeforeEach
    void listenerFailsUntilToldOtherwise() {
        this.listeners.flakyFails.set(true);
    }

    @Test
    void publishedJsonReachesTheVerifiedListener() {
        String messageId = this.template.publishJson(url("/qstash/orders"), new Order("o-1", 3)).messageId();

        QStashMessage<Order> received = awaitOrder(messageId);
        assertThat(received.payload()).isEqualTo(new Order("o-1", 3));
        assertThat(received.retried()).isZero();
        assertThat(received.signature().subject()).isEqualTo(url("/qstash/orders"));
        awaitStates(messageId, "DELIVERED");
        assertThat(states(messageId)).containsExactly("CREATED", "ACTIVE", "DELIVERED");
    }

    @Test
    void failingListenerIsRetriedOnTheBackoffThenDeadLetteredWithAFailureCallback() {
        String messageId = this.template
            .publish(PublishRequest.to(url("/qstash/flaky"))
                .body("charge card 42")
                .retries(2)
                .failureCallback(url("/qstash/failures")))
            .messageId();

        LogEntry firstRetry = awaitStates(messageId, "ERROR", "RETRY").get(3);
        assertThat(Duration.between(firstRetry.time(), firstRetry.nextDeliveryTime()))
            .isEqualTo(Duration.ofMillis(12_182)); // e^2.5 s
        this.broker.advanceClock(Duration.ofMillis(12_182));
        LogEntry secondRetry = awaitStates(messageId, "ERROR", "RETRY", "ACTIVE", "ERROR", "RETRY").get(6);
        assertThat(Duration.between(secondRetry.time(), secondRetry.nextDeliveryTime()))
            .isEqualTo(Duration.ofMillis(148_413)); // e^5 s
        this.broker.advanceClock(Duration.ofMillis(148_413));

        QStashCallbackPayload failure = awaitFailureCallback(messageId);
        assertThat(this.listeners.flakyAttempts).filteredOn((m) -> m.messageId().equals(messageId))
            .extracting(QStashMessage::retried)
            .containsExactly(0, 1, 2);
        assertThat(failure.isFailureCallback()).isTrue();
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.retried()).isEqualTo(2);
        assertThat(failure.maxRetries()).isEqualTo(2);
        assertThat(failure.sourceBodyAsString()).isEqualTo("charge card 42");
        assertThat(failure.url()).isEqualTo(url("/qstash/flaky"));
        assertThat(states(messageId)).containsExactly("CREATED", "ACTIVE", "ERROR", "RETRY", "ACTIVE", "ERROR", "RETRY",
                "ACTIVE", "ERROR", "FAILED");

        DlqMessage dead = this.template.dlq().get(failure.dlqId());
        assertThat(dead.messageId()).isEqualTo(messageId);
        assertThat(dead.responseStatus()).isEqualTo(500);
        assertThat(dead.body()).isEqualTo("charge card 42");
    }

    @Test
    void dlqRetryRedeliversTheMessage() {
        String messageId = this.template.publish(PublishRequest.to(url("/qstash/flaky")).body("once more").retries(0))
            .messageId();
        awaitStates(messageId, "FAILED");
        String dlqId = dlqIdOf(messageId);

        this.listeners.flakyFails.set(false);
        PublishResult retried = this.template.dlq().retry(dlqId);

        awaitStates(retried.messageId(), "DELIVERED");
        assertThat(this.listeners.flakyAttempts).filteredOn((m) -> m.messageId().equals(retried.messageId()))
            .singleElement()
            .satisfies((m) -> assertThat(m.payload()).isEqualTo("once more"));
        assertThatExceptionOfType(QStashApiException.class).isThrownBy(() -> this.template.dlq().get(dlqId))
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(404));
    }

    @Test
    void cancelStopsADelayedMessage() {
        String cancelled = this.template
            .publish(PublishRequest.to(url("/qstash/orders")).json(new Order("never", 1)).delay(Duration.ofHours(1)))
            .messageId();
        String kept = this.template
            .publish(PublishRequest.to(url("/qstash/orders")).json(new Order("later", 1)).delay(Duration.ofHours(1)))
            .messageId();

        this.template.messages().cancel(cancelled);
        this.broker.advanceClock(Duration.ofHours(2));

        awaitOrder(kept);
        assertThat(this.listeners.orderMessageIds()).doesNotContain(cancelled);
        assertThat(states(cancelled)).containsExactly("CREATED", "CANCEL_REQUESTED", "CANCELED");
        assertThatExceptionOfType(QStashApiException.class).isThrownBy(() -> this.template.messages().get(cancelled))
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(404));
    }

    @Test
    void deduplicationAnswersTheFirstMessageId() {
        PublishRequest request = PublishRequest.to(url("/qstash/orders"))
            .json(new Order("dedup", 1))
            .deduplicationId("order-dedup-1");
        PublishResponse first = this.template.publish(request);
        PublishResponse second = this.template.publish(request);

        assertThat(first.deduplicated()).isFalse();
        assertThat(second.deduplicated()).isTrue();
        assertThat(second.messageId()).isEqualTo(first.messageId());
        awaitOrder(first.messageId());
    }

    @Test
    void callbackCarriesTheListenersAnswer() {
        String messageId = this.template
            .publish(PublishRequest.to(url("/qstash/texts")).body("hello").callback(url("/qstash/callbacks")))
            .messageId();

        QStashCallbackPayload callback = await().atMost(AWAIT)
            .until(() -> this.listeners.callbacks.stream()
                .filter((c) -> messageId.equals(c.sourceMessageId()))
                .findFirst(), Optional::isPresent)
            .orElseThrow();
        assertThat(callback.isSuccess()).isTrue();
        assertThat(callback.isFailureCallback()).isFalse();
        assertThat(callback.status()).isEqualTo(200);
        assertThat(callback.bodyAsString()).isEqualTo("echo: hello");
        assertThat(callback.sourceBodyAsString()).isEqualTo("hello");
        assertThat(callback.url()).isEqualTo(url("/qstash/texts"));
    }

    @Test
    void queryStringsAndEncodedCharactersPassTheUrlCheck() {
        String destination = url("/qstash/texts?customer=J%C3%BCrgen%20M&tags=a,b&empty=");
        String messageId = this.template.publish(PublishRequest.to(destination).body("query")).messageId();

        QStashMessage<String> received = awaitText(messageId);
        assertThat(received.signature().subject()).isEqualTo(destination);
        awaitStates(messageId, "DELIVERED");
    }

    @Test
    void aFormPostIsVerifiedOnItsRawBytes() {
        String body = "name=J%C3%BCrgen&amount=10+EUR&amount=20";
        String messageId = this.template
            .publish(
                    PublishRequest.to(url("/qstash/texts")).body(body).contentType("application/x-www-form-urlencoded"))
            .messageId();

        assertThat(awaitText(messageId).payload()).isEqualTo(body);
        awaitStates(messageId, "DELIVERED");
    }

    @Test
    void forwardedHeadersAndMethodReachTheListener() {
        String messageId = this.template
            .publish(PublishRequest.to(url("/qstash/texts")).body("with headers").header("X-Tenant", "acme"))
            .messageId();

        QStashMessage<String> received = awaitText(messageId);
        assertThat(received.headers().getFirst("X-Tenant")).isEqualTo("acme");
        assertThat(received.callerIp()).isNotBlank();
    }

    @Test
    void batchDeliversEachEntry() {
        List<PublishResponse> responses = this.template
            .batch(List.of(PublishRequest.to(url("/qstash/texts")).body("first of batch"),
                    PublishRequest.to(url("/qstash/orders")).json(new Order("batch", 2))));

        assertThat(awaitText(responses.get(0).messageId()).payload()).isEqualTo("first of batch");
        assertThat(awaitOrder(responses.get(1).messageId()).payload()).isEqualTo(new Order("batch", 2));
    }

    @Test
    void queuedMessagesArriveInOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(this.template
                .publish(PublishRequest.to(url("/qstash/texts")).queue("in-app-fifo").body("fifo " + i))
                .messageId());
        }

        ids.forEach(this::awaitText);
        assertThat(this.listeners.texts).filteredOn((m) -> ids.contains(m.messageId()))
            .extracting(QStashMessage::payload)
            .containsExactly("fifo 1", "fifo 2", "fifo 3");
    }

    @Test
    void afterAKeyRotationDeliveriesVerifyWithTheNextKey() {
        // The listener's verifier holds the keys of startup (current, next); the broker
        // now signs with next.
        SigningKeys before = this.template.signingKeys().get();
        SigningKeys after = this.template.signingKeys().rotate();
        assertThat(after.current()).isEqualTo(before.next());

        String messageId = this.template.publish(PublishRequest.to(url("/qstash/texts")).body("rotated")).messageId();

        assertThat(awaitText(messageId).signature().signedWithNextKey()).isTrue();
    }

    @Test
    void aWaitingMessageReadsBackAndIsCancelledByLabel() {
        String messageId = this.template
            .publish(PublishRequest.to(url("/qstash/texts"))
                .body("label me")
                .delay(Duration.ofMinutes(5))
                .retries(4)
                .label("in-app-cancel"))
            .messageId();

        Message waiting = this.template.messages().get(messageId);
        assertThat(waiting.url()).isEqualTo(url("/qstash/texts"));
        assertThat(waiting.body()).isEqualTo("label me");
        assertThat(waiting.maxRetries()).isEqualTo(4);
        assertThat(waiting.labels()).containsExactly("in-app-cancel");
        assertThat(Duration.between(waiting.createdAt(), waiting.notBefore())).isEqualTo(Duration.ofMinutes(5));

        assertThat(this.template.messages().cancel(new MessageFilter().label("in-app-cancel"))).isEqualTo(1);
        assertThat(states(messageId)).endsWith("CANCELED");
    }

    @Test
    void aRetryDelayExpressionSetsTheNextAttempt() {
        String messageId = this.template
            .publish(PublishRequest.to(url("/qstash/flaky"))
                .body("expression")
                .retries(1)
                .retryDelay("1000 * (1 + retried)"))
            .messageId();

        LogEntry retry = awaitStates(messageId, "ERROR", "RETRY").get(3);
        assertThat(Duration.between(retry.time(), retry.nextDeliveryTime())).isEqualTo(Duration.ofSeconds(1));
        this.broker.advanceClock(Duration.ofSeconds(1));
        awaitStates(messageId, "ERROR", "FAILED");
    }

    @Test
    void contentBasedDeduplicationAnswersTheFirstMessageId() {
        PublishRequest request = PublishRequest.to(url("/qstash/texts"))
            .body("same content " + System.nanoTime())
            .contentBasedDeduplication(true);

        PublishResponse first = this.template.publish(request);
        PublishResponse second = this.template.publish(request);

        assertThat(second.deduplicated()).isTrue();
        assertThat(second.messageId()).isEqualTo(first.messageId());
    }

    @Test
    void dlqBulkRetryAndDeleteFollowTheFilter() {
        String retried = this.template
            .publish(PublishRequest.to(url("/qstash/flaky")).body("bulk retry").retries(0).label("in-app-bulk-retry"))
            .messageId();
        String deleted = this.template
            .publish(PublishRequest.to(url("/qstash/flaky")).body("bulk delete").retries(0).label("in-app-bulk-delete"))
            .messageId();
        awaitStates(retried, "FAILED");
        awaitStates(deleted, "FAILED");

        this.listeners.flakyFails.set(false);
        List<PublishResult> again = this.template.dlq().retry(new DlqFilter().label("in-app-bulk-retry"));
        int removed = this.template.dlq().delete(new DlqFilter().label("in-app-bulk-delete"));

        assertThat(again).singleElement().satisfies((result) -> awaitStates(result.messageId(), "DELIVERED"));
        assertThat(removed).isEqualTo(1);
        assertThat(this.template.dlq().listAll(new DlqFilter().messageId(deleted))).isEmpty();
    }

    private QStashMessage<String> awaitText(String messageId) {
        return await().atMost(AWAIT)
            .until(() -> this.listeners.texts.stream().filter((m) -> messageId.equals(m.messageId())).findFirst(),
                    Optional::isPresent)
            .orElseThrow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + this.port + path;
    }

    private QStashMessage<Order> awaitOrder(String messageId) {
        return await().atMost(AWAIT)
            .until(() -> this.listeners.orders.stream().filter((m) -> m.messageId().equals(messageId)).findFirst(),
                    Optional::isPresent)
            .orElseThrow();
    }

    private QStashCallbackPayload awaitFailureCallback(String messageId) {
        return await().atMost(AWAIT)
            .until(() -> this.listeners.failures.stream()
                .filter((c) -> messageId.equals(c.sourceMessageId()))
                .findFirst(), Optional::isPresent)
            .orElseThrow();
    }

    private String dlqIdOf(String messageId) {
        for (DlqMessage dead : this.template.dlq().listAll(new DlqFilter().messageId(messageId))) {
            return dead.dlqId();
        }
        throw new AssertionError("not in the DLQ: " + messageId);
    }

    /**
     * Waits until the states logged for the message end with the given ones; returns all
     * entries, oldest first.
     */
    private List<LogEntry> awaitStates(String messageId, String... lastStates) {
        List<String> expected = List.of(lastStates);
        return await().atMost(AWAIT).until(() -> entries(messageId), (entries) -> {
            List<String> states = entries.stream().map(LogEntry::state).toList();
            return states.size() >= expected.size()
                    && states.subList(states.size() - expected.size(), states.size()).equals(expected);
        });
    }

    private List<String> states(String messageId) {
        return entries(messageId).stream().map(LogEntry::state).toList();
    }

    private List<LogEntry> entries(String messageId) {
        List<LogEntry> entries = new ArrayList<>();
        this.template.logs().listAll(new LogFilter().messageIds(messageId)).forEach((entry) -> entries.add(0, entry));
        return entries;
    }

}
