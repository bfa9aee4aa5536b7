package io.github.qstashspring.actuate;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.qstashspring.autoconfigure.QStashAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashHealthContributorAutoConfiguration;
import io.github.qstashspring.testsupport.QStashWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured {@code qstash} health indicator against a QStash played by
 * WireMock: the real client, the real HTTP call.
 */
class QStashHealthIndicatorTests {

    private static final String TOKEN = "health-token-4711";

    private final WireMockServer qstash = QStashWireMock.server();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(QStashAutoConfiguration.class, QStashHealthContributorAutoConfiguration.class));

    @BeforeEach
    void start() {
        this.qstash.start();
    }

    @AfterEach
    void stop() {
        this.qstash.stop();
    }

    private ApplicationContextRunner atQStash(String... more) {
        return this.contextRunner
            .withPropertyValues("qstash.url=" + this.qstash.baseUrl(), "qstash.token=" + TOKEN,
                    "qstash.client.retry.enabled=false")
            .withPropertyValues(more);
    }

    @Test
    void upWhenQStashListsTheQueuesWithTheToken() {
        this.qstash.stubFor(get(urlEqualTo("/v2/queues"))
            .willReturn(okJson("[{\"name\":\"shipments\",\"parallelism\":1,\"lag\":0,\"paused\":false}]")));

        atQStash().run((context) -> {
            Health health = context.getBean(QStashHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("url", this.qstash.baseUrl()).containsEntry("queues", 1);
            this.qstash.verify(1,
                    getRequestedFor(urlEqualTo("/v2/queues")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        });
    }

    @Test
    void downWithQStashsAnswerWhenTheTokenIsRefusedAndTheTokenIsNeverShown() {
        this.qstash.stubFor(get(urlEqualTo("/v2/queues"))
            .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid token\"}")));

        atQStash().run((context) -> {
            Health health = context.getBean(QStashHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("status", 401).containsEntry("error", "invalid token");
            assertThat(health.toString()).doesNotContain(TOKEN);
        });
    }

    @Test
    void downWithTheErrorWhenQStashCannotBeReached() {
        ApplicationContextRunner runner = atQStash();
        this.qstash.stop();

        runner.run((context) -> {
            Health health = context.getBean(QStashHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
            assertThat(health.toString()).doesNotContain(TOKEN);
        });
    }

    @Test
    void upWhenOnlyTheBurstRateLimitAnswers() {
        this.qstash.stubFor(get(urlEqualTo("/v2/queues")).willReturn(aResponse().withStatus(429)
            .withHeader("Burst-RateLimit-Limit", "100")
            .withHeader("Burst-RateLimit-Remaining", "0")
            .withHeader("Burst-RateLimit-Reset", "1700000000")
            .withBody("{\"error\":\"too many requests\"}")));

        atQStash().run((context) -> {
            Health health = context.getBean(QStashHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("rateLimited", true);
        });
    }

    @Test
    void unknownWithoutCallingQStashWhenNoTokenIsConfigured() {
        this.contextRunner.withPropertyValues("qstash.url=" + this.qstash.baseUrl()).run((context) -> {
            Health health = context.getBean(QStashHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails().get("reason")).asString().contains("QSTASH_TOKEN");
            this.qstash.verify(0, anyRequestedFor(anyUrl()));
        });
    }

    @Test
    void aResultIsReusedForTheTimeToLive() {
        this.qstash.stubFor(get(urlEqualTo("/v2/queues")).willReturn(okJson("[]")));

        atQStash().run((context) -> {
            QStashHealthIndicator indicator = context.getBean(QStashHealthIndicator.class);
            indicator.health();
            indicator.health();
            indicator.health();

            this.qstash.verify(1, getRequestedFor(urlEqualTo("/v2/queues")));
        });
    }

    @Test
    void aTimeToLiveOfZeroChecksEveryTime() {
        this.qstash.stubFor(get(urlEqualTo("/v2/queues")).willReturn(okJson("[]")));

        atQStash("management.health.qstash.time-to-live=0s").run((context) -> {
            QStashHealthIndicator indicator = context.getBean(QStashHealthIndicator.class);
            indicator.health();
            indicator.health();

            this.qstash.verify(2, getRequestedFor(urlEqualTo("/v2/queues")));
        });
    }

}
