package io.github.qstashspring.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the API hides: sensitive headers from the read-only token (in messages, the DLQ,
 * logs and schedules), {@code Upstash-Redact-Fields} also in callback headers, and
 * redacted values shown as a keyed hash.
 */
class RedactionTests extends BrokerTestSupport {

    private static final String READ_ONLY = "read-only-token-for-redaction-tests";

    @Override
    protected void configure(QStashBrokerProperties properties) {
        properties.setReadOnlyToken(READ_ONLY);
    }

    private BrokerClient readOnly() {
        return new BrokerClient(this.broker.getUrl(), READ_ONLY);
    }

    @Test
    void theReadOnlyTokenSeesSensitiveHeadersRedactedInMessagesAndSchedules() {
        String id = this.api
            .post("/v2/publish/" + this.receiver.url("/later"),
                    Map.of("Upstash-Delay", "1h", "Upstash-Forward-Authorization", "Bearer forwarded-secret",
                            "Upstash-Forward-Cookie", "session=cookie-secret", "Upstash-Forward-X-Plain", "visible",
                            "Upstash-Callback", this.receiver.url("/callback"),
                            "Upstash-Callback-Forward-Authorization", "Bearer callback-secret"),
                    "body")
            .json()
            .get("messageId")
            .asString();
        this.api.post("/v2/schedules/" + this.receiver.url("/scheduled"),
                Map.of("Upstash-Cron", "0 0 1 1 *", "Upstash-Forward-Proxy-Authorization", "Basic schedule-secret"),
                "");

        String shown = readOnly().get("/v2/messages/" + id).body() + readOnly().get("/v2/schedules").body();
        assertThat(shown).doesNotContain("forwarded-secret", "cookie-secret", "callback-secret", "schedule-secret")
            .contains("visible", "REDACTED:");
        String full = this.api.get("/v2/messages/" + id).body() + this.api.get("/v2/schedules").body();
        assertThat(full).contains("forwarded-secret", "cookie-secret", "callback-secret", "schedule-secret");
    }

    @Test
    void theReadOnlyTokenSeesSensitiveHeadersRedactedInTheDlqAndLogs() {
        this.receiver.reply("/fails", 400, Map.of("Set-Cookie", "session=response-secret"));
        String id = publish("/fails", Map.of("Upstash-Retries", "0", "Upstash-Forward-Authorization",
                "Bearer forwarded-secret", "Upstash-Forward-X-Plain", "visible"), "body");
        awaitState(id, "FAILED");
        assertThat(awaitReceived("/fails", 1).get(0).header("Authorization")).isEqualTo("Bearer forwarded-secret");

        String shown = readOnly().get("/v2/dlq").body() + readOnly().get("/v2/logs?messageId=" + id).body();
        assertThat(shown).doesNotContain("forwarded-secret", "response-secret").contains("visible", "REDACTED:");
        String full = this.api.get("/v2/dlq").body() + this.api.get("/v2/logs?messageId=" + id).body();
        assertThat(full).contains("forwarded-secret", "response-secret");
    }

    @Test
    void theReadOnlyTokenSeesTheHeadersInACallbacksPayloadRedacted() {
        this.receiver.reply("/callback-fails", 500, Map.of());
        this.receiver.reply("/source", 200, Map.of("Set-Cookie", "session=response-secret"));
        publish("/source", Map.of("Upstash-Forward-Authorization", "Bearer forwarded-secret", "Upstash-Callback",
                this.receiver.url("/callback-fails"), "Upstash-Callback-Retries", "0"), "body");
        awaitReceived("/callback-fails", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> this.api.get("/v2/dlq").json().get("messages").size() == 1);

        String shown = readOnly().get("/v2/dlq").body() + decodedBodies(readOnly().get("/v2/logs").json());
        assertThat(shown).doesNotContain("forwarded-secret", "response-secret").contains("sourceHeader", "REDACTED:");
        String full = this.api.get("/v2/dlq").body() + decodedBodies(this.api.get("/v2/logs").json());
        assertThat(full).contains("forwarded-secret", "response-secret");
    }

    @Test
    void theHeadersHiddenFromTheReadOnlyTokenAreConfigurable() {
        EmbeddedQStashBroker other = this.brokers.start(TestDatabases.h2(), null, (properties) -> {
            properties.setReadOnlyToken(READ_ONLY);
            properties.setReadOnlyRedactedHeaders(java.util.List.of("X-Api-Key"));
        });
        String id = BrokerClient.of(other)
            .post("/v2/publish/http://127.0.0.1:9/x",
                    Map.of("Upstash-Delay", "1h", "Upstash-Forward-X-Api-Key", "key-secret"), "body")
            .json()
            .get("messageId")
            .asString();
        assertThat(new BrokerClient(other.getUrl(), READ_ONLY).get("/v2/messages/" + id).body())
            .doesNotContain("key-secret")
            .contains("REDACTED:");
    }

    @Test
    void callbackHeadersAreRedactedLikeTheMessagesHeaders() {
        String id = this.api
            .post("/v2/publish/" + this.receiver.url("/later"),
                    Map.of("Upstash-Delay", "1h", "Upstash-Redact-Fields", "header[Authorization]",
                            "Upstash-Forward-Authorization", "Bearer forwarded-secret", "Upstash-Callback",
                            this.receiver.url("/callback"), "Upstash-Callback-Forward-Authorization",
                            "Bearer callback-secret", "Upstash-Failure-Callback", this.receiver.url("/failed"),
                            "Upstash-Failure-Callback-Forward-Authorization", "Bearer failure-secret"),
                    "body")
            .json()
            .get("messageId")
            .asString();
        JsonNode message = this.api.get("/v2/messages/" + id).json();
        assertThat(message.get("header").toString()).doesNotContain("forwarded-secret").contains("REDACTED:");
        assertThat(message.get("callbackHeader").toString()).doesNotContain("callback-secret").contains("REDACTED:");
        assertThat(message.get("failureCallbackHeader").toString()).doesNotContain("failure-secret")
            .contains("REDACTED:");
    }

    @Test
    void aCallbackOfARedactedMessageIsShownRedactedToo() {
        String id = publish("/source",
                Map.of("Upstash-Redact-Fields", "body,header[Authorization]", "Upstash-Forward-Authorization",
                        "Bearer forwarded-secret", "Upstash-Callback", this.receiver.url("/callback"),
                        "Upstash-Callback-Forward-Authorization", "Bearer callback-secret"),
                "body-secret");
        awaitReceived("/callback", 1);
        String logs = this.api.get("/v2/logs").body();
        assertThat(decodedBodies(this.api.get("/v2/logs").json()) + logs).doesNotContain("forwarded-secret",
                "callback-secret", "body-secret");
        assertThat(states(id)).contains("DELIVERED");
    }

    @Test
    void redactedValuesAreAKeyedHashPerBroker() {
        String value = "Bearer forwarded-secret";
        String first = redactedAuthorization(this.api, value);
        assertThat(first).startsWith("REDACTED:").isNotEqualTo("REDACTED:" + sha256(value));
        assertThat(redactedAuthorization(this.api, value)).isEqualTo(first);

        EmbeddedQStashBroker other = this.brokers.start(TestDatabases.h2(), null, (properties) -> {
        });
        assertThat(redactedAuthorization(BrokerClient.of(other), value)).startsWith("REDACTED:").isNotEqualTo(first);

        restartBroker();
        assertThat(redactedAuthorization(this.api, value)).isEqualTo(first);
    }

    private String redactedAuthorization(BrokerClient client, String value) {
        String id = client
            .post("/v2/publish/http://127.0.0.1:9/x", Map.of("Upstash-Delay", "1h", "Upstash-Redact-Fields",
                    "header[Authorization]", "Upstash-Forward-Authorization", value), "body")
            .json()
            .get("messageId")
            .asString();
        return client.get("/v2/messages/" + id).json().get("header").get("Authorization").get(0).asString();
    }

    private static String decodedBodies(JsonNode logs) {
        StringBuilder text = new StringBuilder();
        logs.get("logs").forEach((entry) -> {
            if (entry.has("body")) {
                text.append(new String(java.util.Base64.getDecoder().decode(entry.get("body").asString()),
                        StandardCharsets.UTF_8));
            }
        });
        return text.toString();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
