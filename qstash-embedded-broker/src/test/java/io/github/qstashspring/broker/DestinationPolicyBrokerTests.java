package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The destination policy over the API and real deliveries: link-local, cloud metadata and
 * the broker's own API are refused at publish with a 400 (destinations, callbacks, URL
 * group endpoints); a destination that became denied after it was accepted is refused
 * when its connection would open, fails without a retry and leaves no response anywhere;
 * the {@code production} preset denies loopback unless its network is allowed.
 */
class DestinationPolicyBrokerTests extends BrokerTestSupport {

    private String preset = "dev";

    private List<String> allowNetworks = List.of();

    @Override
    protected void configure(QStashBrokerProperties properties) {
        properties.getDelivery().getDestinations().setPreset(this.preset);
        properties.getDelivery().getDestinations().setAllowNetworks(this.allowNetworks);
    }

    @Test
    void linkLocalMetadataAndTheBrokersOwnApiAreRefusedAtPublish() {
        assertRefused(this.api.post("/v2/publish/http://169.254.169.254/latest/meta-data/", Map.of(), "x"),
                "link-local or cloud metadata");
        assertRefused(this.api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                "[{\"destination\":\"http://[fd00:ec2::254]/latest/\"}]"), "link-local or cloud metadata");
        assertRefused(this.api.post("/v2/publish/" + this.receiver.url("/ok"),
                Map.of("Upstash-Callback", "http://169.254.169.254/callback"), "x"), "link-local");
        assertRefused(this.api.post("/v2/publish/" + this.receiver.url("/ok"),
                Map.of("Upstash-Failure-Callback", "http://[fe80::1]/failed"), "x"), "link-local");
        String ownApi = this.broker.getUrl() + "/v2/publish/" + this.receiver.url("/loop");
        assertRefused(this.api.post("/v2/publish/" + ownApi, Map.of(), "x"), "own API");
        assertRefused(this.api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                "[{\"destination\":\"" + this.receiver.url("/ok") + "\"},{\"destination\":\"" + ownApi + "\"}]"),
                "own API");
        assertRefused(this.api.post("/v2/topics/loop/endpoints", Map.of("Content-Type", "application/json"),
                "{\"endpoints\":[{\"url\":\"" + ownApi + "\"}]}"), "own API");
        assertThat(this.api.get("/v2/topics/loop").status()).isEqualTo(404);
        // Nothing of the refused batch was stored, and the dev preset lets loopback
        // through.
        publish("/ok", Map.of(), "allowed");
        awaitReceived("/ok", 1);
        assertThat(this.receiver.received()).hasSize(1);
    }

    @Test
    void aDestinationDeniedWhenItsConnectionWouldOpenFailsWithoutRetryAndWithoutAResponse() {
        // Accepted under the dev preset, delivered under the production one (as a name
        // that resolves elsewhere by then would be): judged on the address at connect.
        String id = publish("/later", Map.of("Upstash-Delay", "1m", "Upstash-Retries", "3"), "later");
        this.preset = "production";
        restartBroker();
        advance(Duration.ofMinutes(2));
        awaitState(id, "FAILED");
        assertThat(states(id)).containsExactly("CREATED", "ACTIVE", "ERROR", "FAILED");
        JsonNode error = logEntry(id, "ERROR");
        assertThat(error.get("error").asString()).contains("destination denied")
            .contains("denied by the production preset");
        assertThat(error.has("responseStatus")).isFalse();
        assertThat(error.has("responseBody")).isFalse();
        JsonNode dead = this.api.get("/v2/dlq").json().get("messages").get(0);
        assertThat(dead.get("messageId").asString()).isEqualTo(id);
        assertThat(dead.get("responseStatus").asInt()).isZero();
        assertThat(dead.has("responseBody")).isFalse();
        assertThat(this.receiver.received("/later")).isEmpty();
        // The same destination is now refused at publish.
        assertRefused(this.api.post("/v2/publish/" + this.receiver.url("/later"), Map.of(), "x"), "production preset");
    }

    @Test
    void theProductionPresetDeliversToLoopbackOnlyWhenItsNetworkIsAllowed() {
        this.preset = "production";
        this.allowNetworks = List.of("127.0.0.0/8");
        restartBroker();
        String id = publish("/allowed", Map.of(), "allowed");
        awaitState(id, "DELIVERED");
        assertThat(this.receiver.received("/allowed")).hasSize(1);
    }

    private JsonNode logEntry(String messageId, String state) {
        for (JsonNode entry : this.api.get("/v2/logs?messageId=" + messageId).json().get("logs")) {
            if (entry.get("state").asString().equals(state)) {
                return entry;
            }
        }
        throw new AssertionError("no " + state + " entry for " + messageId);
    }

    private static void assertRefused(BrokerClient.Response response, String reason) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).contains("destination denied").contains(reason);
    }

}
