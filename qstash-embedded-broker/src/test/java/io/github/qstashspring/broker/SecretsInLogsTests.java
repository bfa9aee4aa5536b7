package io.github.qstashspring.broker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No token or signing key is ever written to a log: an end-to-end run (publish, delivery,
 * callback, failure into the DLQ with its failure callback, key rotation, the dashboard's
 * login and rejected requests) with the broker's logging at its most talkative, and the
 * captured output scanned for every secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTests extends BrokerTestSupport {

    private static final String TOKEN = "configured-token-" + UUID.randomUUID();

    private static final String READ_ONLY = "read-only-token-" + UUID.randomUUID();

    private static final String CURRENT = "sig_current" + UUID.randomUUID().toString().replace("-", "");

    private static final String NEXT = "sig_next" + UUID.randomUUID().toString().replace("-", "");

    private final Logger brokerLogger = (Logger) LoggerFactory.getLogger("io.github.qstashspring");

    private final Logger springLogger = (Logger) LoggerFactory.getLogger("org.springframework");

    @Override
    protected void configure(QStashBrokerProperties properties) {
        properties.setToken(TOKEN);
        properties.setReadOnlyToken(READ_ONLY);
        properties.setCurrentSigningKey(CURRENT);
        properties.setNextSigningKey(NEXT);
    }

    @BeforeEach
    void logEverything() {
        this.brokerLogger.setLevel(Level.TRACE);
        this.springLogger.setLevel(Level.DEBUG);
        restartBroker();
    }

    @AfterEach
    void logAsUsual() {
        this.brokerLogger.setLevel(null);
        this.springLogger.setLevel(null);
    }

    @Test
    void noTokenOrKeyIsWrittenToALog(CapturedOutput output) {
        // Publish, deliver, callback.
        String delivered = publish("/ok", Map.of("Upstash-Callback", this.receiver.url("/callback")), "hello");
        awaitReceived("/callback", 1);
        awaitState(delivered, "DELIVERED");
        // A failure into the DLQ, with its failure callback.
        this.receiver.reply("/fails", 500, Map.of());
        String failed = publish("/fails",
                Map.of("Upstash-Retries", "0", "Upstash-Failure-Callback", this.receiver.url("/failure")), "boom");
        awaitState(failed, "FAILED");
        awaitReceived("/failure", 1);
        assertThat(this.api.get("/v2/dlq").json().get("messages")).hasSize(1);
        // The dashboard's login: its page, then the API with the token it was given.
        BrokerClient anonymous = new BrokerClient(this.broker.getUrl(), null);
        assertThat(anonymous.get("/dashboard/").status()).isEqualTo(200);
        assertThat(this.api.get("/v2/logs?count=1").status()).isEqualTo(200);
        assertThat(anonymous.get("/v2/logs?qstash_token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8)).status())
            .isEqualTo(200);
        // Rejected and read-only requests, a rotation.
        assertThat(new BrokerClient(this.broker.getUrl(), TOKEN + "x").get("/v2/logs").status()).isEqualTo(401);
        BrokerClient readOnly = new BrokerClient(this.broker.getUrl(), READ_ONLY);
        assertThat(readOnly.get("/v2/keys").status()).isEqualTo(403);
        assertThat(readOnly.post("/v2/publish/" + this.receiver.url("/x"), Map.of(), "x").status()).isEqualTo(403);
        String rotatedNext = this.api.post("/v2/keys/rotate", Map.of(), "").json().get("next").asString();
        this.broker.close();

        List<String> secrets = new ArrayList<>(List.of(TOKEN, READ_ONLY, CURRENT, NEXT, rotatedNext));
        secrets.add(URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        assertThat(output.getAll()).as("the broker logged at TRACE").contains("qstash");
        for (String secret : secrets) {
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

}
