package io.github.qstashspring.inapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.qstashspring.autoconfigure.QStashConnectionDetails;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashTemplate;
import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashMessage;
import io.github.qstashspring.schedule.QStashSchedule;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @QStashSchedule} in in-app mode: without {@code qstash.listener.base-url} the
 * schedule's destination is the application's own local server (port and context path),
 * and the real broker delivers a message to that URL through the listener's signature and
 * URL check. The embedded broker does not store schedules yet, so the schedule API is a
 * WireMock QStash (declared as the application's {@link QStashConnectionDetails}) while
 * the broker runs in-app.
 */
class InAppScheduleDestinationTests {

    private final WireMockServer qstash = new WireMockServer(
            WireMockConfiguration.options().dynamicPort().http2PlainDisabled(true));

    private @Nullable ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (this.context != null) {
            this.context.close();
        }
        this.qstash.stop();
    }

    @Test
    void withoutBaseUrlTheScheduleTargetsTheLocalServerAndTheBrokerDeliversThere() {
        this.context = run("--qstash.listener.base-url=");
        int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
        String destination = "http://127.0.0.1:" + port + "/ctx/qstash/nightly";

        List<LoggedRequest> created = this.qstash.findAll(postRequestedFor(urlPathMatching("/v2/schedules/.*")));
        assertThat(created).singleElement().satisfies((request) -> {
            assertThat(request.getUrl()).isEqualTo("/v2/schedules/" + destination);
            assertThat(request.getHeader("Upstash-Schedule-Id")).isEqualTo("nightly-app.nightly");
            assertThat(request.getHeader("Upstash-Cron")).isEqualTo("CRON_TZ=Europe/Berlin 0 2 * * *");
        });

        EmbeddedQStashBroker broker = this.context.getBean(EmbeddedQStashBroker.class);
        QStashTemplate brokerClient = QStashTemplate.builder()
            .url(broker.getUrl())
            .token(broker.getToken())
            .jsonMapper(JsonMapper.shared())
            .build();
        String messageId = brokerClient
            .publish(PublishRequest.to(destination).body("{\"kind\":\"nightly\"}").contentType("application/json"))
            .messageId();
        NightlyJob job = this.context.getBean(NightlyJob.class);
        await().untilAsserted(() -> assertThat(job.received).singleElement()
            .satisfies((message) -> assertThat(message.messageId()).isEqualTo(messageId)));
    }

    @Test
    void aConfiguredBaseUrlStillWinsInInAppMode() {
        this.context = run("--qstash.listener.base-url=https://nightly.example.com/");

        this.qstash.verify(1,
                postRequestedFor(urlEqualTo("/v2/schedules/https://nightly.example.com/ctx/qstash/nightly")));
    }

    private ConfigurableApplicationContext run(String baseUrlArgument) {
        this.qstash.start();
        this.qstash.stubFor(get(urlEqualTo("/v2/schedules"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
        this.qstash.stubFor(post(urlPathMatching("/v2/schedules/.*"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"scheduleId\":\"nightly-app.nightly\"}")));
        SpringApplication application = new SpringApplication(NightlyApplication.class);
        application.addInitializers((context) -> context.getBeanFactory()
            .registerSingleton("wireMockQStash", new WireMockConnectionDetails(this.qstash.baseUrl())));
        return application.run("--server.port=0", "--server.servlet.context-path=/ctx",
                "--spring.application.name=nightly-app", "--qstash.embedded.enabled=true", "--qstash.embedded.port=0",
                // The WireMock connection details verify deliveries with the public keys.
                "--qstash.embedded.development-credentials=true",
                "--qstash.embedded.database.url=jdbc:h2:mem:in-app-schedule-" + System.nanoTime()
                        + ";DB_CLOSE_DELAY=-1",
                baseUrlArgument);
    }

    /**
     * The schedule API of the WireMock QStash; deliveries are still verified with the
     * broker's keys (the public development keys, which the broker is told to use).
     */
    record WireMockConnectionDetails(String url) implements QStashConnectionDetails {

        @Override
        public String getUrl() {
            return this.url;
        }

        @Override
        public String getToken() {
            return "wiremock-token";
        }

        @Override
        public String getCurrentSigningKey() {
            return QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY;
        }

        @Override
        public String getNextSigningKey() {
            return QStashBrokerProperties.DEV_NEXT_SIGNING_KEY;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class NightlyApplication {

        @Bean
        NightlyJob nightlyJob() {
            return new NightlyJob();
        }

    }

    static class NightlyJob {

        final List<QStashMessage<String>> received = new CopyOnWriteArrayList<>();

        @QStashListener(path = "/qstash/nightly", id = "nightly")
        @QStashSchedule(cron = "CRON_TZ=Europe/Berlin 0 2 * * *")
        void nightly(QStashMessage<String> message) {
            this.received.add(message);
        }

    }

}
