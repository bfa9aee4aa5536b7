package io.github.qstashspring.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.RawHttp;
import io.github.qstashspring.broker.support.TestBrokers;
import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the API accepts is bounded with QStash's numbers
 * ({@code qstash.embedded.limits.*}, {@code delivery.timeout}): a value past a limit is
 * answered 400 naming the header, and nothing of the request is stored.
 */
class InputLimitsTests {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static final String TARGET = "/v2/publish/http://127.0.0.1:9/x";

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    private final MutableClock clock = new MutableClock(NOW, java.time.ZoneOffset.UTC);

    private EmbeddedQStashBroker broker;

    private BrokerClient api;

    @Test
    void delaysAndNotBeforeAreAtMostOneYearAhead() {
        start();
        refused(Map.of("Upstash-Delay", "366d"), "Upstash-Delay");
        refused(Map.of("Upstash-Delay", "1e300d"), "Upstash-Delay");
        refused(Map.of("Upstash-Callback", "http://127.0.0.1:9/c", "Upstash-Callback-Delay", "400d"),
                "Upstash-Callback-Delay");
        refused(Map.of("Upstash-Not-Before", String.valueOf(NOW.plus(Duration.ofDays(366)).getEpochSecond())),
                "Upstash-Not-Before");
        refused(Map.of("Upstash-Not-Before", "9223372036854775807"), "Upstash-Not-Before");
        accepted(Map.of("Upstash-Delay", "365d"));
        accepted(Map.of("Upstash-Not-Before", String.valueOf(NOW.plus(Duration.ofDays(365)).getEpochSecond())));
        assertThat(this.api.get("/v2/logs").json().get("logs")).hasSize(2);
    }

    @Test
    void everyTimeoutIsAtMostTheDeliveryTimeout() {
        start();
        refused(Map.of("Upstash-Timeout", "16m"), "Upstash-Timeout");
        refused(Map.of("Upstash-Callback", "http://127.0.0.1:9/c", "Upstash-Callback-Timeout", "1h"),
                "Upstash-Callback-Timeout");
        refused(Map.of("Upstash-Failure-Callback", "http://127.0.0.1:9/c", "Upstash-Failure-Callback-Timeout", "1d"),
                "Upstash-Failure-Callback-Timeout");
        accepted(Map.of("Upstash-Timeout", "15m", "Upstash-Delay", "1h"));
    }

    @Test
    void flowControlNeedsParallelismAndRateOfAtLeastOneAndAPeriodOfAtMostAWeek() {
        start();
        for (String value : new String[] { "parallelism=0", "rate=0", "parallelism=-1", "rate=1, period=8d",
                "rate=1, period=0s" }) {
            refused(Map.of("Upstash-Flow-Control-Key", "k", "Upstash-Flow-Control-Value", value),
                    "Upstash-Flow-Control-Value");
        }
        accepted(Map.of("Upstash-Flow-Control-Key", "k", "Upstash-Flow-Control-Value",
                "parallelism=1, rate=1, period=7d", "Upstash-Delay", "1h"));
    }

    @Test
    void theFlowControlPeriodLimitIsOneForPublishingAndPinning() {
        start((properties) -> properties.getLimits().setMaxFlowControlPeriod(Duration.ofDays(30)));
        accepted(Map.of("Upstash-Flow-Control-Key", "k", "Upstash-Flow-Control-Value", "rate=1, period=20d",
                "Upstash-Delay", "1h"));
        assertThat(this.api.post("/v2/flowControl/k/pin?rate=1&period=" + Duration.ofDays(20).toSeconds(), Map.of(), "")
            .status()).isEqualTo(200);
        BrokerClient.Response refused = this.api
            .post("/v2/flowControl/k/pin?rate=1&period=" + Duration.ofDays(31).toSeconds(), Map.of(), "");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).contains("max-flow-control-period");
        refused(Map.of("Upstash-Flow-Control-Key", "k", "Upstash-Flow-Control-Value", "rate=1, period=31d"),
                "Upstash-Flow-Control-Value");
    }

    @Test
    void aBatchHasAtMostTheConfiguredNumberOfMessages() {
        start((properties) -> properties.getLimits().setMaxBatchMessages(2));
        String entry = "{\"destination\":\"http://127.0.0.1:9/b\",\"headers\":{\"Upstash-Delay\":\"1h\"}}";
        BrokerClient.Response refused = this.api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                "[" + entry + "," + entry + "," + entry + "]");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).contains("batch").contains("2");
        assertThat(this.api.get("/v2/logs").json().get("logs")).isEmpty();
        assertThat(this.api.post("/v2/batch", Map.of(), "[" + entry + "," + entry + "]").status()).isEqualTo(200);
    }

    @Test
    void aUrlGroupHasAtMostOneHundredEndpoints() {
        start();
        StringJoiner endpoints = new StringJoiner(",", "{\"endpoints\":[", "]}");
        for (int i = 0; i < 100; i++) {
            endpoints.add("{\"url\":\"http://127.0.0.1:9/e" + i + "\"}");
        }
        assertThat(this.api.post("/v2/topics/g/endpoints", Map.of(), endpoints.toString()).status()).isEqualTo(200);
        BrokerClient.Response refused = this.api.post("/v2/topics/g/endpoints", Map.of(),
                "{\"endpoints\":[{\"url\":\"http://127.0.0.1:9/one-more\"}]}");
        assertThat(refused.status()).isEqualTo(412);
        assertThat(refused.json().get("error").asString()).contains("100");
        assertThat(this.api.get("/v2/topics/g").json().get("endpoints")).hasSize(100);
    }

    @Test
    void headerNamesMustBeTokensAndValuesFreeOfLineBreaksInBatchEntriesAndQueryParameters() throws IOException {
        start();
        for (String headers : new String[] { "{\"Upstash-Forward-A\\r\\nInjected: 1\":\"x\"}",
                "{\"Upstash-Forward-A B\":\"x\"}", "{\"Upstash-Forward-A\":\"x\\r\\nInjected: 1\"}",
                "{\"Upstash-Forward-A\":[\"ok\",\"x\\ny\"]}" }) {
            BrokerClient.Response refused = this.api.post("/v2/batch", Map.of(),
                    "[{\"destination\":\"http://127.0.0.1:9/b\",\"headers\":" + headers + "}]");
            assertThat(refused.status()).as(headers).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).as(headers).contains("Upstash-Forward-A");
        }
        RawHttp.Response query = RawHttp.request(this.broker.getPort(), "POST",
                TARGET + "?upstash-forward-a%0D%0AInjected=1", "Authorization: Bearer " + this.broker.getToken());
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.json().get("error").asString()).contains("header name");
        RawHttp.Response value = RawHttp.request(this.broker.getPort(), "POST",
                TARGET + "?upstash-forward-a=x%0D%0AInjected:%201", "Authorization: Bearer " + this.broker.getToken());
        assertThat(value.status()).isEqualTo(400);
        assertThat(value.json().get("error").asString()).contains("upstash-forward-a");
        assertThat(this.api.get("/v2/logs").json().get("logs")).isEmpty();
    }

    @Test
    void limitsRefusedBeforeStayRefused() throws IOException {
        start();
        refused(Map.of("Upstash-Retries", "21"), "Upstash-Retries");
        refused(Map.of("Upstash-Retry-Delay", "1".repeat(5000)), "Upstash-Retry-Delay");
        refused(Map.of("Upstash-Delay", "-5s"), "Upstash-Delay");
        String chunk = Integer.toHexString(64 * 1024) + "\r\n" + "a".repeat(64 * 1024) + "\r\n";
        String request = "POST " + TARGET + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + this.broker.getToken() + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + chunk.repeat(17) + "0\r\n\r\n";
        RawHttp.Response tooLarge = RawHttp.exchange(this.broker.getPort(),
                request.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("error").asString()).contains("maximum");
    }

    @Test
    void anOversizedUploadIsNotReadToItsEnd() throws IOException {
        start();
        // The body is refused at once (413); Tomcat swallows at most max-swallow-size of
        // the rest and then closes the connection, so writing all of it fails.
        try (Socket socket = new Socket("127.0.0.1", this.broker.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + TARGET + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + this.broker.getToken() + "\r\nContent-Length: " + (1L << 36) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            byte[] block = new byte[1024 * 1024];
            assertThatExceptionOfType(SocketException.class).isThrownBy(() -> {
                for (int i = 0; i < 256; i++) {
                    out.write(block);
                }
            });
        }
    }

    private void start() {
        start((properties) -> {
        });
    }

    private void start(java.util.function.Consumer<QStashBrokerProperties> configure) {
        this.broker = this.brokers.start(TestDatabases.h2(), this.clock, configure);
        this.api = BrokerClient.of(this.broker);
    }

    private void refused(Map<String, String> headers, String named) {
        BrokerClient.Response response = this.api.post(TARGET, headers, "x");
        assertThat(response.status()).as(headers.toString()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).as(headers.toString()).contains(named);
    }

    private void accepted(Map<String, String> headers) {
        assertThat(this.api.post(TARGET, headers, "x").status()).as(headers.toString()).isEqualTo(200);
    }

}
