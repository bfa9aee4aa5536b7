package io.github.qstashspring.broker;

import java.io.IOException;
import java.util.List;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.RawHttp;
import io.github.qstashspring.broker.support.RawHttp.Response;
import io.github.qstashspring.broker.support.TestBrokers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API refuses what only a browser sends on behalf of another site: a cross-site
 * {@code Origin} or {@code Sec-Fetch-Site} (403), and a {@code Host} that is none of the
 * broker's names (421, DNS rebinding); the dashboard, on the broker's own origin, and
 * clients that are not browsers pass. Requests are written to a socket byte for byte, so
 * that the {@code Host} header is exactly the one under test.
 */
class BrowserRequestsTests {

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    @Test
    void crossSiteOriginIsRefusedBeforeAnythingIsPublished() throws IOException {
        EmbeddedQStashBroker broker = this.brokers.start((properties) -> {
        });
        // A form post or no-cors fetch from a page of another site: no preflight, the
        // public development token in the query.
        Response refused = RawHttp.request(broker.getPort(), "POST",
                "/v2/publish/http://127.0.0.1:9/x?qstash_token=" + broker.getToken(), "x".getBytes(),
                "Origin: https://evil.example", "Content-Type: text/plain");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).contains("Origin");
        assertThat(BrokerClient.of(broker).get("/v2/logs").json().get("logs")).isEmpty();
    }

    @Test
    void crossSiteAndSameSiteFetchesAreRefused() throws IOException {
        EmbeddedQStashBroker broker = this.brokers.start((properties) -> {
        });
        for (String site : List.of("cross-site", "same-site")) {
            Response refused = RawHttp.request(broker.getPort(), "GET", "/v2/queues", bearer(broker),
                    "Sec-Fetch-Site: " + site);
            assertThat(refused.status()).as(site).isEqualTo(403);
            assertThat(refused.json().get("error").asString()).as(site).contains("Sec-Fetch-Site");
        }
        Response nullOrigin = RawHttp.request(broker.getPort(), "GET", "/v2/queues", bearer(broker), "Origin: null");
        assertThat(nullOrigin.status()).isEqualTo(403);
    }

    @Test
    void theDashboardOnTheBrokersOwnOriginAndClientsThatAreNotBrowsersPass() throws IOException {
        EmbeddedQStashBroker broker = this.brokers.start((properties) -> {
        });
        int port = broker.getPort();
        String origin = "http://127.0.0.1:" + port;
        assertThat(RawHttp
            .request(port, "POST", "/v2/queues", "{\"queueName\":\"q\"}".getBytes(), bearer(broker),
                    "Host: 127.0.0.1:" + port, "Origin: " + origin, "Sec-Fetch-Site: same-origin",
                    "Content-Type: application/json")
            .status()).isEqualTo(200);
        assertThat(RawHttp
            .request(port, "GET", "/v2/queues", bearer(broker), "Host: localhost:" + port,
                    "Origin: http://localhost:" + port)
            .status()).isEqualTo(200);
        assertThat(RawHttp.request(port, "GET", "/v2/queues", bearer(broker), "Sec-Fetch-Site: none").status())
            .isEqualTo(200);
        assertThat(RawHttp.request(port, "GET", "/v2/queues", bearer(broker)).status()).isEqualTo(200);
        // Another port is another origin.
        assertThat(RawHttp
            .request(port, "GET", "/v2/queues", bearer(broker), "Host: 127.0.0.1:" + port,
                    "Origin: http://127.0.0.1:" + (port + 1))
            .status()).isEqualTo(403);
    }

    @Test
    void aHostThatIsNoneOfTheBrokersNamesIsRefused() throws IOException {
        EmbeddedQStashBroker broker = this.brokers.start((properties) -> {
        });
        int port = broker.getPort();
        // DNS rebinding: a page of rebind.evil.example whose name now resolves to
        // 127.0.0.1 is same-origin with itself, and sends its own name as Host.
        Response rebound = RawHttp.request(port, "GET", "/v2/queues", bearer(broker),
                "Host: rebind.evil.example:" + port, "Origin: http://rebind.evil.example:" + port,
                "Sec-Fetch-Site: same-origin");
        assertThat(rebound.status()).isEqualTo(421);
        assertThat(rebound.json().get("error").asString()).contains("rebind.evil.example")
            .contains("qstash.embedded.allowed-hosts");
        for (String host : List.of("localhost", "LOCALHOST:" + port, "127.0.0.1:" + port, "[::1]:" + port,
                "127.0.0.1")) {
            assertThat(RawHttp.request(port, "GET", "/v2/queues", bearer(broker), "Host: " + host).status()).as(host)
                .isEqualTo(200);
        }
    }

    @Test
    void configuredNamesMakeTheBrokerUsableBehindAProxy() throws IOException {
        EmbeddedQStashBroker broker = this.brokers
            .start((properties) -> properties.setAllowedHosts(List.of("qstash.example.com", "qstash")));
        int port = broker.getPort();
        // A proxy that keeps the Host header, and a container name.
        assertThat(RawHttp.request(port, "GET", "/v2/queues", bearer(broker), "Host: qstash.example.com").status())
            .isEqualTo(200);
        assertThat(RawHttp.request(port, "GET", "/v2/queues", bearer(broker), "Host: qstash:8080").status())
            .isEqualTo(200);
        // A proxy that sends its upstream's address as Host: the dashboard's page is on
        // https://qstash.example.com.
        assertThat(RawHttp
            .request(port, "POST", "/v2/queues", "{\"queueName\":\"q\"}".getBytes(), bearer(broker),
                    "Host: 127.0.0.1:" + port, "Origin: https://qstash.example.com", "Sec-Fetch-Site: same-origin",
                    "Content-Type: application/json")
            .status()).isEqualTo(200);
        assertThat(RawHttp.request(port, "GET", "/v2/queues", bearer(broker), "Host: other.example.com").status())
            .isEqualTo(421);
    }

    private static String bearer(EmbeddedQStashBroker broker) {
        return "Authorization: Bearer " + broker.getToken();
    }

}
