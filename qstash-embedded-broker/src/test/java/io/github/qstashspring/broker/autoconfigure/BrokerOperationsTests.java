package io.github.qstashspring.broker.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.TestReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with the in-app broker, the actuator and a Prometheus registry, read
 * over HTTP the way operators read it: {@code /actuator/health} (the {@code qstash} and
 * {@code qstashBroker} components), {@code /actuator/qstash} (the broker's section) and
 * {@code /actuator/prometheus} (the broker's meters), after real deliveries.
 */
@SpringBootTest(classes = BrokerOperationsTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "qstash.embedded.enabled=true",
                "qstash.embedded.database.url=jdbc:h2:mem:qstash-ops-${random.uuid};DB_CLOSE_DELAY=-1",
                "management.endpoints.web.exposure.include=health,qstash,prometheus",
                "management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always" })
class BrokerOperationsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * The module's test application.properties gives host applications this context path.
     */
    private static final String ACTUATOR = "/host-only/actuator";

    @LocalServerPort
    private int port;

    @Autowired
    private EmbeddedQStashBroker broker;

    @Test
    void healthEndpointAndMetersShowTheBrokersWork() throws Exception {
        try (TestReceiver receiver = TestReceiver.verifyingFor(() -> this.broker)) {
            receiver.reply("/fails", 500, Map.of());
            BrokerClient client = BrokerClient.of(this.broker);
            assertThat(client.post("/v2/publish/" + receiver.url("/ok"), Map.of(), "hello").status()).isEqualTo(200);
            assertThat(client.post("/v2/publish/" + receiver.url("/fails"), Map.of("Upstash-Retries", "0"), "dead")
                .status()).isEqualTo(200);
            assertThat(client.post("/v2/publish/" + receiver.url("/later"), Map.of("Upstash-Delay", "1h"), "later")
                .status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(receiver.received("/ok")).hasSize(1);
                assertThat(receiver.received("/fails")).hasSize(1);
            });
            // The counts are read at most every 5 seconds: wait for a read after the
            // deliveries.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String metrics = get(ACTUATOR + "/prometheus");
                assertThat(sample(metrics, "qstash_broker_dlq_size")).isEqualTo(1);
                assertThat(sample(metrics, "qstash_broker_messages{state=\"pending\"}")).isEqualTo(1);
                assertThat(sample(metrics, "qstash_broker_messages{state=\"active\"}")).isZero();
                assertThat(sample(metrics, "qstash_broker_deliveries_in_flight")).isZero();
                assertThat(sample(metrics, "qstash_broker_oldest_due_age_seconds")).isZero();
                assertThat(sample(metrics, "qstash_broker_deliveries_total{outcome=\"SUCCESS\"}")).isEqualTo(1);
                assertThat(sample(metrics, "qstash_broker_deliveries_total{outcome=\"SERVER_ERROR\"}")).isEqualTo(1);
                assertThat(sample(metrics, "qstash_broker_delivery_duration_seconds_count{outcome=\"SUCCESS\"}"))
                    .isEqualTo(1);
                assertThat(sample(metrics, "qstash_broker_delivery_duration_seconds_sum{outcome=\"SUCCESS\"}"))
                    .isPositive();
            });
            JsonNode health = JSON.readTree(get(ACTUATOR + "/health"));
            assertThat(health.at("/status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/qstash/status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/qstash/details/url").asString()).isEqualTo(this.broker.getUrl());
            JsonNode brokerHealth = health.at("/components/qstashBroker");
            assertThat(brokerHealth.at("/status").asString()).isEqualTo("UP");
            assertThat(brokerHealth.at("/details/database").asString()).isEqualTo("reachable");
            assertThat(brokerHealth.at("/details/dispatching").asBoolean()).isTrue();
            assertThat(brokerHealth.at("/details/deadLetters").asLong()).isEqualTo(1);
            assertThat(brokerHealth.at("/details/messages/pending").asLong()).isEqualTo(1);
            JsonNode section = JSON.readTree(get(ACTUATOR + "/qstash")).at("/contributions/broker");
            assertThat(section.at("/url").asString()).isEqualTo(this.broker.getUrl());
            assertThat(section.at("/status/deadLetters").asLong()).isEqualTo(1);
            assertThat(section.at("/status/pending").asLong()).isEqualTo(1);
            assertThat(section.at("/status/dispatching").asBoolean()).isTrue();
            assertThat(section.toString()).doesNotContain(this.broker.getToken());
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** The value of a sample in Prometheus' text format. */
    private static double sample(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        // The test class path has Spring Security (for HostApplicationTests): open it.
        @Bean
        SecurityFilterChain openSecurity(HttpSecurity http) {
            return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
        }

    }

}
