package io.github.qstashspring.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.TestReceiver.Received;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker end to end: its API over real HTTP, its real database, deliveries to a real
 * HTTP receiver that verifies every signature, and a test clock for delays and retries.
 * Runs on H2 and (when configured) PostgreSQL.
 */
abstract class BrokerEndToEndTests extends BrokerTestSupport {

    @Test
    void publishDeliversSignedMessageWithForwardedHeaders() {
        String id = publish("/hook", Map.of("Content-Type", "application/json", "Upstash-Forward-Test-Header", "v1",
                "X-Not-Forwarded", "nope"), "{\"hello\":\"world\"}");
        Received delivery = awaitReceived("/hook", 1).get(0);
        assertThat(delivery.signatureError()).isNull();
        assertThat(delivery.claims().subject()).isEqualTo(this.receiver.url("/hook"));
        assertThat(delivery.method()).isEqualTo("POST");
        assertThat(delivery.text()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
        assertThat(delivery.header("Test-Header")).isEqualTo("v1");
        assertThat(delivery.header("X-Not-Forwarded")).isNull();
        assertThat(delivery.header("Upstash-Message-Id")).isEqualTo(id);
        assertThat(delivery.header("Upstash-Retried")).isEqualTo("0");
        assertThat(delivery.header("User-Agent")).isEqualTo("Upstash-QStash");
        assertThat(delivery.header("Upstash-Caller-Ip")).isNotBlank();
        assertThat(delivery.header("Upstash-Region")).isNull();
        awaitState(id, "DELIVERED");
        assertThat(states(id)).containsExactly("CREATED", "ACTIVE", "DELIVERED");
        assertThat(this.api.get("/v2/messages/" + id).status()).isEqualTo(404);
    }

    @Test
    void methodAndRawDestinationWithQueryStringArePreserved() {
        String destination = this.receiver.url("/raw//path") + "?a=1&b=%20x&upstash-method=PUT";
        BrokerClient.Response response = this.api.post("/V2/Publish/" + destination, Map.of(), "body");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Received delivery = awaitReceived("/raw//path", 1).get(0);
        assertThat(delivery.query()).isEqualTo("a=1&b=%20x");
        assertThat(delivery.method()).isEqualTo("PUT");
        assertThat(delivery.claims().subject()).isEqualTo(this.receiver.url("/raw//path") + "?a=1&b=%20x");
    }

    @Test
    void headerForwardSendsIncomingHeadersButNeverTheToken() {
        publish("/webhook", Map.of("Upstash-Header-Forward", "true", "X-Webhook-Event", "push"), "{}");
        Received delivery = awaitReceived("/webhook", 1).get(0);
        assertThat(delivery.header("X-Webhook-Event")).isEqualTo("push");
        assertThat(delivery.header("Authorization")).isNull();
        assertThat(delivery.header("Upstash-Header-Forward")).isNull();
    }

    @Test
    void redactedFieldsAreHiddenInTheApiButDeliveredInClear() {
        String id = publish("/secret", Map.of("Upstash-Delay", "1h", "Upstash-Redact-Fields", "body, header[Token]",
                "Upstash-Forward-Token", "t0p", "Upstash-Forward-Other", "visible"), "secret body");
        JsonNode message = this.api.get("/v2/messages/" + id).json();
        assertThat(message.get("body").asString()).startsWith("REDACTED:").doesNotContain("secret");
        assertThat(message.get("header").get("Token").get(0).asString()).startsWith("REDACTED:");
        assertThat(message.get("header").get("Other").get(0).asString()).isEqualTo("visible");
        JsonNode created = this.api.get("/v2/logs?messageId=" + id).json().get("logs").get(0);
        assertThat(decode(created.get("body"))).startsWith("REDACTED:");
        advance(Duration.ofHours(1));
        Received delivery = awaitReceived("/secret", 1).get(0);
        assertThat(delivery.text()).isEqualTo("secret body");
        assertThat(delivery.header("Token")).isEqualTo("t0p");
    }

    @Test
    void failingReceiverIsRetriedWithBackoffThenDeadLetteredWithCallbacks() {
        this.receiver.reply("/fail", 500, Map.of());
        String id = publish("/fail", Map.of("Upstash-Retries", "2", "Upstash-Callback", this.receiver.url("/cb"),
                "Upstash-Failure-Callback", this.receiver.url("/fcb")), "payload");
        awaitReceived("/fail", 1);
        awaitState(id, "RETRY");
        JsonNode retry = retryEntry(id);
        assertThat(retry.get("nextDeliveryTime").asLong() - retry.get("time").asLong()).isEqualTo(12182);
        advance(Duration.ofMillis(12182));
        assertThat(awaitReceived("/fail", 2).get(1).header("Upstash-Retried")).isEqualTo("1");
        await().atMost(Duration.ofSeconds(30)).until(() -> states(id).stream().filter("RETRY"::equals).count() == 2);
        advance(Duration.ofSeconds(149));
        assertThat(awaitReceived("/fail", 3).get(2).header("Upstash-Retried")).isEqualTo("2");
        awaitState(id, "FAILED");
        assertThat(states(id)).containsExactly("CREATED", "ACTIVE", "ERROR", "RETRY", "ACTIVE", "ERROR", "RETRY",
                "ACTIVE", "ERROR", "FAILED");

        JsonNode dlq = this.api.get("/v2/dlq").json().get("messages");
        assertThat(dlq).hasSize(1);
        assertThat(dlq.get(0).get("messageId").asString()).isEqualTo(id);
        assertThat(dlq.get(0).get("responseStatus").asInt()).isEqualTo(500);
        assertThat(dlq.get(0).get("responseBody").asString()).isEqualTo("answer 500");
        String dlqId = dlq.get(0).get("dlqId").asString();

        Received failureCallback = awaitReceived("/fcb", 1).get(0);
        assertThat(failureCallback.signatureError()).isNull();
        JsonNode payload = new BrokerClient.Response(200, failureCallback.text()).json();
        assertThat(payload.get("status").asInt()).isEqualTo(500);
        assertThat(payload.get("dlqId").asString()).isEqualTo(dlqId);
        assertThat(payload.get("sourceMessageId").asString()).isEqualTo(id);
        assertThat(payload.get("retried").asInt()).isEqualTo(2);
        assertThat(payload.get("maxRetries").asInt()).isEqualTo(2);
        assertThat(payload.get("url").asString()).isEqualTo(this.receiver.url("/fail"));
        assertThat(payload.get("method").asString()).isEqualTo("POST");
        assertThat(decode(payload.get("body"))).isEqualTo("answer 500");
        assertThat(decode(payload.get("sourceBody"))).isEqualTo("payload");
        assertThat(payload.has("notBefore")).isTrue();
        assertThat(payload.has("createdAt")).isTrue();

        List<Received> callbacks = awaitReceived("/cb", 3);
        assertThat(callbacks).allSatisfy((callback) -> assertThat(callback.signatureError()).isNull());
        assertThat(callbacks.stream()
            .map((callback) -> new BrokerClient.Response(200, callback.text()).json().get("retried").asInt()))
            .containsExactlyInAnyOrder(0, 1, 2);
        assertThat(callbacks)
            .allSatisfy((callback) -> assertThat(callback.header("Content-Type")).isEqualTo("application/json"));
    }

    @Test
    void timeoutBoundsTheWholeAttemptNotEachRead() {
        this.receiver.drip("/slow", Duration.ofSeconds(5));
        String id = publish("/slow", Map.of("Upstash-Timeout", "1s", "Upstash-Retries", "0"), "x");
        awaitState(id, "FAILED");
        JsonNode error = null;
        for (JsonNode entry : this.api.get("/v2/logs?messageId=" + id).json().get("logs")) {
            if (entry.get("state").asString().equals("ERROR")) {
                error = entry;
            }
        }
        assertThat(error).isNotNull();
        assertThat(error.get("error").asString()).startsWith("timeout");
    }

    @Test
    void successCallbackCarriesTheResponse() {
        String id = publish("/ok", Map.of("Upstash-Callback", this.receiver.url("/cb")), "hi");
        Received callback = awaitReceived("/cb", 1).get(0);
        JsonNode payload = new BrokerClient.Response(200, callback.text()).json();
        assertThat(payload.get("status").asInt()).isEqualTo(200);
        assertThat(decode(payload.get("body"))).isEqualTo("answer 200");
        assertThat(payload.get("sourceMessageId").asString()).isEqualTo(id);
        assertThat(payload.get("retried").asInt()).isZero();
        assertThat(payload.has("dlqId")).isFalse();
    }

    @Test
    void nonRetryableErrorFailsAtOnce() {
        this.receiver.reply("/stop", 489, Map.of("Upstash-NonRetryable-Error", "true"));
        String id = publish("/stop", Map.of("Upstash-Retries", "3"), "x");
        awaitState(id, "FAILED");
        assertThat(states(id)).containsExactly("CREATED", "ACTIVE", "ERROR", "FAILED");
        assertThat(this.api.get("/v2/dlq").json().get("messages").get(0).get("responseStatus").asInt()).isEqualTo(489);
    }

    @Test
    void retryDelayExpressionAndRetryAfterDecideTheNextAttempt() {
        this.receiver.reply("/expr", 500, Map.of());
        String expr = publish("/expr", Map.of("Upstash-Retry-Delay", "1000 * (1 + retried)"), "x");
        awaitState(expr, "RETRY");
        JsonNode retry = retryEntry(expr);
        assertThat(retry.get("nextDeliveryTime").asLong() - retry.get("time").asLong()).isEqualTo(1000);

        this.receiver.reply("/later", 429, Map.of("Retry-After", "7"));
        String later = publish("/later", Map.of(), "x");
        awaitState(later, "RETRY");
        JsonNode laterRetry = retryEntry(later);
        assertThat(laterRetry.get("nextDeliveryTime").asLong() - laterRetry.get("time").asLong()).isEqualTo(7000);
    }

    @Test
    void deadLetterRetryRedelivers() {
        this.receiver.reply("/flaky", 500, Map.of());
        String id = publish("/flaky", Map.of("Upstash-Retries", "0"), "again");
        awaitState(id, "FAILED");
        String dlqId = this.api.get("/v2/dlq").json().get("messages").get(0).get("dlqId").asString();
        assertThat(this.api.get("/v2/dlq/" + dlqId).json().get("messageId").asString()).isEqualTo(id);
        this.receiver.reply("/flaky", 200, Map.of());
        BrokerClient.Response retried = this.api.post("/v2/dlq/retry/" + dlqId, Map.of(), "");
        assertThat(retried.status()).isEqualTo(201);
        String newId = retried.json().get("messageId").asString();
        Received redelivery = awaitReceived("/flaky", 2).get(1);
        assertThat(redelivery.header("Upstash-Message-Id")).isEqualTo(newId);
        assertThat(redelivery.text()).isEqualTo("again");
        awaitState(newId, "DELIVERED");
        assertThat(this.api.get("/v2/dlq").json().get("messages")).isEmpty();
        assertThat(this.api.get("/v2/dlq/" + dlqId).status()).isEqualTo(404);
    }

    @Test
    void bulkDeadLetterRetryAndDeleteByFilter() {
        this.receiver.reply("/a", 500, Map.of());
        this.receiver.reply("/b", 500, Map.of());
        String a = publish("/a", Map.of("Upstash-Retries", "0", "Upstash-Label", "alpha"), "a");
        String b = publish("/b", Map.of("Upstash-Retries", "0"), "b");
        awaitState(a, "FAILED");
        awaitState(b, "FAILED");
        JsonNode page = this.api.get("/v2/dlq?count=1").json();
        assertThat(page.get("messages")).hasSize(1);
        JsonNode next = this.api.get("/v2/dlq?count=1&cursor=" + page.get("cursor").asString()).json();
        assertThat(next.get("messages")).hasSize(1);
        assertThat(next.has("cursor")).isFalse();
        assertThat(this.api.get("/v2/dlq?label=alpha").json().get("messages")).hasSize(1);

        this.receiver.reply("/a", 200, Map.of());
        BrokerClient.Response retried = this.api.send("POST", "/v2/dlq/retry?label=alpha", Map.of(), null);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().get("responses")).hasSize(1);
        assertThat(retried.json().get("cursor").asString()).isEmpty();
        awaitReceived("/a", 2);

        String dlqIdOfB = this.api.get("/v2/dlq").json().get("messages").get(0).get("dlqId").asString();
        BrokerClient.Response deleted = this.api.send("DELETE", "/v2/dlq", Map.of("Content-Type", "application/json"),
                ("{\"dlqIds\":[\"" + dlqIdOfB + "\"]}").getBytes(StandardCharsets.UTF_8));
        assertThat(deleted.json().get("deleted").asInt()).isEqualTo(1);
        assertThat(this.api.get("/v2/dlq").json().get("messages")).isEmpty();
    }

    @Test
    void delayedMessageWaitsForItsTimeOnTheClock() {
        String id = publish("/later", Map.of("Upstash-Delay", "1d"), "tomorrow");
        JsonNode message = this.api.get("/v2/messages/" + id).json();
        assertThat(message.get("notBefore").asLong() - message.get("createdAt").asLong())
            .isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(message.get("body").asString()).isEqualTo("tomorrow");
        advance(Duration.ofDays(1));
        assertThat(awaitReceived("/later", 1).get(0).text()).isEqualTo("tomorrow");
    }

    @Test
    void notBeforeIsAnAbsoluteTimeInSeconds() {
        long notBefore = this.clock.instant().plus(Duration.ofHours(5)).getEpochSecond();
        String id = publish("/at", Map.of("Upstash-Not-Before", String.valueOf(notBefore), "Upstash-Delay", "1s"), "x");
        assertThat(this.api.get("/v2/messages/" + id).json().get("notBefore").asLong()).isEqualTo(notBefore * 1000);
        advance(Duration.ofHours(5));
        awaitReceived("/at", 1);
    }

    @Test
    void messageWhoseLeaseExpiredIsDeliveredAgain() {
        String id = publish("/orphan", Map.of("Upstash-Delay", "1h"), "x");
        // As if a broker sharing the database had claimed it and died.
        JdbcTemplate jdbc = this.broker.getApplicationContext().getBean(JdbcTemplate.class);
        TransactionTemplate transaction = this.broker.getApplicationContext().getBean(TransactionTemplate.class);
        long now = this.clock.millis();
        Integer updated = transaction.execute((status) -> jdbc
            .update("UPDATE qs_message SET state = 'ACTIVE', lease_until = ? WHERE id = ?", now + 60_000, id));
        assertThat(updated).isEqualTo(1);
        advance(Duration.ofMinutes(2));
        Received delivery = awaitReceived("/orphan", 1).get(0);
        assertThat(delivery.header("Upstash-Message-Id")).isEqualTo(id);
        awaitState(id, "DELIVERED");
    }

    @Test
    void cancelStopsADelayedMessage() {
        String id = publish("/never", Map.of("Upstash-Delay", "1h"), "x");
        BrokerClient.Response cancelled = this.api.delete("/v2/messages/" + id);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("cancelled").asInt()).isEqualTo(1);
        assertThat(this.api.get("/v2/messages/" + id).status()).isEqualTo(404);
        assertThat(this.api.delete("/v2/messages/" + id).status()).isEqualTo(404);
        advance(Duration.ofHours(2));
        String marker = publish("/marker", Map.of(), "after");
        awaitState(marker, "DELIVERED");
        assertThat(this.receiver.received("/never")).isEmpty();
        assertThat(states(id)).containsExactly("CREATED", "CANCEL_REQUESTED", "CANCELED");
        assertThat(this.api.get("/v2/events?state=CANCELED").json().get("events")).hasSize(1);
    }

    @Test
    void bulkCancelByQueryFiltersAndByJsonBody() {
        String a = publish("/x", Map.of("Upstash-Delay", "1h", "Upstash-Label", "one"), "a");
        String b = publish("/x", Map.of("Upstash-Delay", "1h", "Upstash-Label", "two"), "b");
        String c = publish("/y", Map.of("Upstash-Delay", "1h"), "c");
        String d = publish("/y", Map.of("Upstash-Delay", "1h"), "d");
        // Values of one filter are OR-ed, repeated or comma-joined; the legacy count is
        // ignored.
        assertThat(this.api.delete("/v2/messages?label=one,two&count=1").json().get("cancelled").asInt()).isEqualTo(2);
        assertThat(this.api.get("/v2/messages/" + a).status()).isEqualTo(404);
        assertThat(this.api.get("/v2/messages/" + b).status()).isEqualTo(404);
        BrokerClient.Response byBody = this.api.send("DELETE", "/v2/messages",
                Map.of("Content-Type", "application/json"),
                ("{\"messageIds\":[\"" + c + "\"]}").getBytes(StandardCharsets.UTF_8));
        assertThat(byBody.json().get("cancelled").asInt()).isEqualTo(1);
        assertThat(this.api.get("/v2/messages/" + c).status()).isEqualTo(404);
        assertThat(this.api.get("/v2/messages/" + d).status()).isEqualTo(200);
        assertThat(this.api.delete("/v2/messages").json().get("cancelled").asInt()).isEqualTo(1);
        assertThat(this.api.get("/v2/messages/" + d).status()).isEqualTo(404);
    }

    @Test
    void deduplicationAnswersTheFirstMessageId() {
        String first = publish("/dedup", Map.of("Upstash-Deduplication-Id", "order-1"), "one");
        BrokerClient.Response again = this.api.post("/v2/publish/" + this.receiver.url("/dedup"),
                Map.of("Upstash-Deduplication-Id", "order-1"), "different body");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("messageId").asString()).isEqualTo(first);
        assertThat(again.json().get("deduplicated").asBoolean()).isTrue();

        String content = publish("/dedup", Map.of("Upstash-Content-Based-Deduplication", "True"), "same");
        BrokerClient.Response sameContent = this.api.post("/v2/publish/" + this.receiver.url("/dedup"),
                Map.of("Upstash-Content-Based-Deduplication", "true"), "same");
        assertThat(sameContent.json().get("messageId").asString()).isEqualTo(content);
        String otherContent = publish("/dedup", Map.of("Upstash-Content-Based-Deduplication", "true"), "other");
        assertThat(otherContent).isNotEqualTo(content);

        advance(Duration.ofMinutes(11));
        String afterWindow = publish("/dedup", Map.of("Upstash-Deduplication-Id", "order-1"), "one");
        assertThat(afterWindow).isNotEqualTo(first);
    }

    @Test
    void concurrentPublishesShareCommitsYetSucceedOrFailEachOnItsOwn() throws Exception {
        // Publishes arriving together are committed together; each still gets its own
        // answer.
        int plain = 12;
        int deduplicated = 8;
        int unknownGroup = 4;
        ExecutorService publishers = Executors.newFixedThreadPool(plain + deduplicated + unknownGroup);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BrokerClient.Response>> plainAnswers = new ArrayList<>();
        List<Future<BrokerClient.Response>> deduplicatedAnswers = new ArrayList<>();
        List<Future<BrokerClient.Response>> unknownGroupAnswers = new ArrayList<>();
        try {
            for (int i = 0; i < plain; i++) {
                String body = "plain-" + i;
                plainAnswers.add(publishers.submit(() -> {
                    start.await();
                    return this.api.post("/v2/publish/" + this.receiver.url("/together"), Map.of(), body);
                }));
            }
            for (int i = 0; i < deduplicated; i++) {
                deduplicatedAnswers.add(publishers.submit(() -> {
                    start.await();
                    return this.api.post("/v2/publish/" + this.receiver.url("/together"),
                            Map.of("Upstash-Deduplication-Id", "together-1"), "deduplicated");
                }));
            }
            for (int i = 0; i < unknownGroup; i++) {
                unknownGroupAnswers.add(publishers.submit(() -> {
                    start.await();
                    return this.api.post("/v2/publish/no-such-group", Map.of(), "lost");
                }));
            }
            start.countDown();
            List<String> plainIds = new ArrayList<>();
            for (Future<BrokerClient.Response> answer : plainAnswers) {
                BrokerClient.Response response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                plainIds.add(response.json().get("messageId").asString());
            }
            List<String> deduplicatedIds = new ArrayList<>();
            for (Future<BrokerClient.Response> answer : deduplicatedAnswers) {
                BrokerClient.Response response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isIn(200, 202);
                deduplicatedIds.add(response.json().get("messageId").asString());
            }
            for (Future<BrokerClient.Response> answer : unknownGroupAnswers) {
                BrokerClient.Response response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(404);
                assertThat(response.json().get("error").asString()).contains("no-such-group");
            }
            assertThat(plainIds).doesNotHaveDuplicates();
            assertThat(deduplicatedIds).containsOnly(deduplicatedIds.get(0));
            List<Received> received = awaitReceived("/together", plain + 1);
            assertThat(received).extracting(Received::text)
                .containsExactlyInAnyOrderElementsOf(Stream
                    .concat(IntStream.range(0, plain).mapToObj((i) -> "plain-" + i), Stream.of("deduplicated"))
                    .toList());
            for (String id : plainIds) {
                awaitState(id, "DELIVERED");
                assertThat(states(id)).containsExactly("CREATED", "ACTIVE", "DELIVERED");
            }
        }
        finally {
            publishers.shutdownNow();
        }
    }

    @Test
    void queueDeliversOneMessageAtATimeInOrder() {
        this.receiver.reply("/q", 500, Map.of());
        BrokerClient.Response first = this.api.post("/v2/enqueue/orders/" + this.receiver.url("/q"),
                Map.of("Upstash-Retries", "1"), "first");
        BrokerClient.Response second = this.api.post("/v2/enqueue/orders/" + this.receiver.url("/q"), Map.of(),
                "second");
        assertThat(first.status()).isEqualTo(200);
        String firstId = first.json().get("messageId").asString();
        String secondId = second.json().get("messageId").asString();
        awaitState(firstId, "RETRY");
        assertThat(states(secondId)).containsExactly("CREATED");
        this.receiver.reply("/q", 200, Map.of());
        advance(Duration.ofSeconds(13));
        awaitState(secondId, "DELIVERED");
        assertThat(this.receiver.received("/q").stream().map(Received::text)).containsExactly("first", "first",
                "second");
        assertThat(this.api.get("/v2/messages/" + firstId).status()).isEqualTo(404);
    }

    @Test
    void batchAcceptsMessagesAndQueues() {
        String body = "[{\"destination\":\"" + this.receiver.url("/b1")
                + "\",\"headers\":{\"Upstash-Forward-K\":\"v\"}," + "\"body\":\"one\",\"queue\":null},"
                + "{\"destination\":\"" + this.receiver.url("/b2")
                + "\",\"headers\":{\"Content-Type\":[\"text/plain\"]}," + "\"body\":\"two\",\"queue\":\"batchq\"}]";
        BrokerClient.Response response = this.api.post("/v2/batch", Map.of("Content-Type", "application/json"), body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).hasSize(2);
        assertThat(awaitReceived("/b1", 1).get(0).header("K")).isEqualTo("v");
        assertThat(awaitReceived("/b2", 1).get(0).header("Content-Type")).isEqualTo("text/plain");
    }

    @Test
    void logsPageWithCursorAndFilter() {
        String id = publish("/logs", Map.of(), "x");
        awaitState(id, "DELIVERED");
        JsonNode firstPage = this.api.get("/v2/events?messageIds=" + id + "&count=2").json();
        assertThat(firstPage.get("events")).hasSize(2);
        assertThat(firstPage.get("logs")).hasSize(2);
        JsonNode secondPage = this.api
            .get("/v2/events?messageIds=" + id + "&count=2&cursor=" + firstPage.get("cursor").asString())
            .json();
        assertThat(secondPage.get("events")).hasSize(1);
        assertThat(secondPage.get("events").get(0).get("state").asString()).isEqualTo("CREATED");
        assertThat(secondPage.get("events").get(0).get("body").asString())
            .isEqualTo(Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8)));
        assertThat(secondPage.has("cursor")).isFalse();
        assertThat(this.api.get("/v2/logs?state=IN_PROGRESS&messageId=" + id).json().get("logs")).hasSize(1);
    }

    @Test
    void logFiltersMatchHostPathQueueLabelAndTime() {
        String plain = publish("/p1", Map.of("Upstash-Label", "red"), "a");
        BrokerClient.Response queued = this.api.post("/v2/enqueue/q2/" + this.receiver.url("/p2"), Map.of(), "b");
        String inQueue = queued.json().get("messageId").asString();
        awaitState(plain, "DELIVERED");
        awaitState(inQueue, "DELIVERED");
        long now = this.clock.millis();
        assertThat(messageIds("/v2/logs?state=CREATED&path=/p1")).containsExactly(plain);
        assertThat(messageIds("/v2/logs?state=CREATED&host=127.0.0.1")).containsExactlyInAnyOrder(plain, inQueue);
        assertThat(messageIds("/v2/logs?state=CREATED&host=example.com")).isEmpty();
        assertThat(messageIds("/v2/logs?state=CREATED&queueName=q2")).containsExactly(inQueue);
        assertThat(messageIds("/v2/logs?state=CREATED&label=red")).containsExactly(plain);
        assertThat(messageIds("/v2/logs?state=CREATED&url=" + this.receiver.url("/p2"))).containsExactly(inQueue);
        assertThat(messageIds("/v2/logs?state=CREATED&fromDate=" + (now + 1))).isEmpty();
        assertThat(messageIds("/v2/logs?state=CREATED&toDate=" + now)).hasSize(2);
        assertThat(messageIds("/v2/logs?state=DELIVERED&state=CREATED&messageIds=" + plain)).hasSize(2);
    }

    private List<String> messageIds(String logsQuery) {
        List<String> ids = new java.util.ArrayList<>();
        this.api.get(logsQuery).json().get("logs").forEach((entry) -> ids.add(entry.get("messageId").asString()));
        return ids;
    }

    @Test
    void signingKeysCanBeReadAndRotated() {
        JsonNode keys = this.api.get("/v2/keys").json();
        assertThat(keys.get("current").asString()).isEqualTo(this.broker.getCurrentSigningKey());
        assertThat(keys.get("next").asString()).isEqualTo(this.broker.getNextSigningKey());
        String next = this.broker.getNextSigningKey();
        JsonNode rotated = this.api.post("/v2/keys/rotate", Map.of(), "").json();
        assertThat(rotated.get("current").asString()).isEqualTo(next);
        assertThat(rotated.get("next").asString()).matches("sig_[A-Za-z0-9]{28}");
        JsonNode again = this.api.post("/v2/rotate", Map.of(), "").json();
        assertThat(again.get("current").asString()).isEqualTo(rotated.get("next").asString());
        String id = publish("/after-rotation", Map.of(), "x");
        Received delivery = awaitReceived("/after-rotation", 1).get(0);
        assertThat(delivery.signatureError()).isNull();
        assertThat(delivery.header("Upstash-Message-Id")).isEqualTo(id);
    }

    @Test
    void requestsWithoutTheTokenAreRejected() {
        BrokerClient anonymous = new BrokerClient(this.broker.getUrl(), null);
        BrokerClient.Response missing = anonymous.get("/v2/keys");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("error").asString()).isNotBlank();
        BrokerClient wrong = new BrokerClient(this.broker.getUrl(), "wrong");
        assertThat(wrong.get("/v2/keys").status()).isEqualTo(401);
        assertThat(anonymous
            .get("/v2/keys?qstash_token=" + java.net.URLEncoder.encode(this.broker.getToken(), StandardCharsets.UTF_8))
            .status()).isEqualTo(200);
    }

    @Test
    void invalidRequestsGetJsonErrors() {
        BrokerClient.Response tooLarge = this.api.send("POST", "/v2/publish/" + this.receiver.url("/big"), Map.of(),
                new byte[1024 * 1024 + 1]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("error").asString()).contains("maximum");
        BrokerClient.Response noScheme = this.api.post("/v2/publish/example.com/x", Map.of(), "");
        assertThat(noScheme.status()).isEqualTo(400);
        assertThat(noScheme.json().get("error").asString())
            .isEqualTo("invalid destination url: endpoint has invalid scheme, add http:// or https://");
        BrokerClient.Response badDelay = this.api.post("/v2/publish/" + this.receiver.url("/x"),
                Map.of("Upstash-Delay", "soon"), "");
        assertThat(badDelay.status()).isEqualTo(400);
        assertThat(badDelay.json().get("error").asString()).contains("Upstash-Delay");
        BrokerClient.Response badExpression = this.api.post("/v2/publish/" + this.receiver.url("/x"),
                Map.of("Upstash-Retry-Delay", "rm -rf"), "");
        assertThat(badExpression.status()).isEqualTo(400);
        assertThat(this.api.get("/v2/messages/msg_unknown").status()).isEqualTo(404);
        assertThat(this.api.get("/v2/nothing").status()).isEqualTo(404);
        assertThat(this.api.get("/v2/publish/" + this.receiver.url("/x")).status()).isEqualTo(405);
        assertThat(this.api.post("/v2/batch", Map.of(), "{}").status()).isEqualTo(400);
    }

    private JsonNode retryEntry(String messageId) {
        return this.api.get("/v2/logs?state=RETRY&messageId=" + messageId).json().get("logs").get(0);
    }

    private static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asString()), StandardCharsets.UTF_8);
    }

}
