package io.github.qstashspring.broker;

import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.TestBrokers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code qstash.embedded.read-only-token}: reads everything but the signing keys, writes
 * nothing.
 */
class ReadOnlyTokenTests {

    private static final String READ_ONLY = "read-only-token-for-tests";

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    private EmbeddedQStashBroker broker;

    private BrokerClient full;

    private BrokerClient readOnly;

    @BeforeEach
    void startBroker() {
        this.broker = this.brokers.start((properties) -> properties.setReadOnlyToken(READ_ONLY));
        this.full = BrokerClient.of(this.broker);
        this.readOnly = new BrokerClient(this.broker.getUrl(), READ_ONLY);
    }

    @Test
    void readsWhatTheFullTokenWrote() {
        BrokerClient.Response published = this.full.post("/v2/publish/http://127.0.0.1:9/later",
                Map.of("Upstash-Delay", "1h"), "body");
        assertThat(published.status()).isEqualTo(200);
        String id = published.json().get("messageId").asString();

        assertThat(this.readOnly.get("/v2/messages/" + id).status()).isEqualTo(200);
        assertThat(this.readOnly.get("/v2/logs?messageId=" + id).json().get("logs")).hasSize(1);
        assertThat(this.readOnly.get("/v2/dlq").status()).isEqualTo(200);
        assertThat(this.readOnly.get("/v2/schedules").status()).isEqualTo(200);
        assertThat(this.readOnly.get("/v2/queues").status()).isEqualTo(200);
    }

    @Test
    void writesAreForbiddenAndChangeNothing() {
        BrokerClient.Response publish = this.readOnly.post("/v2/publish/http://127.0.0.1:9/x", Map.of(), "body");
        assertThat(publish.status()).isEqualTo(403);
        assertThat(publish.json().get("error").asString()).isEqualTo("read-only token: POST needs the full token");
        assertThat(this.full.get("/v2/logs").json().get("logs")).isEmpty();

        String id = this.full.post("/v2/publish/http://127.0.0.1:9/later", Map.of("Upstash-Delay", "1h"), "body")
            .json()
            .get("messageId")
            .asString();
        assertThat(this.readOnly.delete("/v2/messages/" + id).status()).isEqualTo(403);
        assertThat(this.full.get("/v2/messages/" + id).status()).isEqualTo(200);
    }

    @Test
    void signingKeysNeedTheFullToken() {
        BrokerClient.Response keys = this.readOnly.get("/v2/keys");
        assertThat(keys.status()).isEqualTo(403);
        assertThat(keys.body()).doesNotContain("sig_");
        assertThat(this.full.get("/v2/keys").status()).isEqualTo(200);
    }

    @Test
    void otherTokensAreStillRejected() {
        assertThat(new BrokerClient(this.broker.getUrl(), READ_ONLY + "x").get("/v2/logs").status()).isEqualTo(401);
        assertThat(new BrokerClient(this.broker.getUrl(), null).get("/v2/logs").status()).isEqualTo(401);
    }

}
