package io.github.qstashspring.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.json.JsonMapper;

import io.github.qstashspring.actuate.QStashEndpoint.ListenerDescriptor;
import io.github.qstashspring.actuate.QStashEndpoint.QStashDescriptor;
import io.github.qstashspring.actuate.QStashEndpoint.ScheduleDescriptor;
import io.github.qstashspring.autoconfigure.QStashAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashEndpointAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashListenerAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashScheduleAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashSignatureAutoConfiguration;
import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashMessage;
import io.github.qstashspring.schedule.QStashSchedule;
import io.github.qstashspring.testsupport.QStashWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code qstash} endpoint of an application with listeners, a schedule and keys of
 * several regions, its schedules read from a QStash played by WireMock.
 */
class QStashEndpointTests {

    private static final String TOKEN = "endpoint-token-0815";

    private static final String CURRENT = "sig_defaultCurrent0000000000000";

    private static final String NEXT = "sig_defaultNext000000000000000000";

    private static final String US_CURRENT = "sig_usCurrent0000000000000000000";

    private static final String EU_CURRENT = "sig_euCurrent0000000000000000000";

    private static final String REPORT_URL = "https://shop.example.com/qstash/report";

    private final WireMockServer qstash = QStashWireMock.server();

    private WebApplicationContextRunner runner;

    @BeforeEach
    void start() {
        this.qstash.start();
        this.qstash.stubFor(get(urlEqualTo("/v2/schedules")).willReturn(okJson(schedules("0 6 * * *", false))));
        this.runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QStashAutoConfiguration.class,
                    QStashSignatureAutoConfiguration.class, QStashListenerAutoConfiguration.class,
                    QStashScheduleAutoConfiguration.class, QStashEndpointAutoConfiguration.class,
                    JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                    DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
            .withUserConfiguration(ShopListeners.class)
            .withInitializer((context) -> context.getEnvironment()
                .getPropertySources()
                .addLast(new SystemEnvironmentPropertySource("systemEnvironment",
                        Map.of("EU_CENTRAL_1_QSTASH_CURRENT_SIGNING_KEY", EU_CURRENT))))
            .withPropertyValues("management.endpoints.web.exposure.include=qstash", "spring.application.name=shop",
                    "qstash.url=" + this.qstash.baseUrl(), "qstash.token=" + TOKEN,
                    "qstash.current-signing-key=" + CURRENT, "qstash.next-signing-key=" + NEXT,
                    "qstash.regions.us-east-1.current-signing-key=" + US_CURRENT,
                    "qstash.listener.base-url=https://shop.example.com", "qstash.client.retry.enabled=false");
    }

    @AfterEach
    void stop() {
        this.qstash.stop();
    }

    @Test
    void listsEveryListenerWithPathMethodPayloadTypeAndVerification() {
        this.runner.run((context) -> {
            List<ListenerDescriptor> listeners = context.getBean(QStashEndpoint.class).qstash().listeners();

            assertThat(listeners).extracting(ListenerDescriptor::id).containsExactlyInAnyOrder("orders", "report");
            ListenerDescriptor orders = listeners.stream().filter((l) -> l.id().equals("orders")).findFirst().get();
            assertThat(orders.method()).isEqualTo("POST");
            assertThat(orders.path()).isEqualTo("/qstash/orders");
            assertThat(orders.handler()).isEqualTo(ShopListeners.class.getName() + "#onOrder");
            assertThat(orders.payloadType()).isEqualTo(Order.class.getName());
            assertThat(orders.skipDuplicates()).isTrue();
            assertThat(orders.verification().signature()).isTrue();
            assertThat(orders.verification().url()).isTrue();
            assertThat(orders.verification().baseUrl()).isEqualTo("https://shop.example.com");
            ListenerDescriptor report = listeners.stream().filter((l) -> l.id().equals("report")).findFirst().get();
            assertThat(report.payloadType()).isNull();
        });
    }

    @Test
    void aScheduleQStashHoldsAsDeclaredIsUpToDateWithItsTimes() {
        this.runner.run((context) -> {
            this.qstash.verify(0, postRequestedFor(urlPathMatching("/v2/schedules/.*")));

            List<ScheduleDescriptor> schedules = context.getBean(QStashEndpoint.class).qstash().schedules();

            assertThat(schedules).singleElement().satisfies((schedule) -> {
                assertThat(schedule.id()).isEqualTo("shop.report");
                assertThat(schedule.cron()).isEqualTo("0 6 * * *");
                assertThat(schedule.destination()).isEqualTo(REPORT_URL);
                assertThat(schedule.listener()).isEqualTo("report");
                assertThat(schedule.declaredBy()).isEqualTo(ShopListeners.class.getName() + ".report");
                assertThat(schedule.server().state()).isEqualTo("up-to-date");
                assertThat(schedule.server().paused()).isFalse();
                assertThat(schedule.server().nextScheduleTime()).isEqualTo(Instant.ofEpochMilli(1_800_000_000_000L));
            });
        });
    }

    @Test
    void aScheduleChangedOnTheServerSinceStartupDiffers() {
        this.runner.run((context) -> {
            this.qstash.stubFor(get(urlEqualTo("/v2/schedules")).willReturn(okJson(schedules("0 7 * * *", true))));

            ScheduleDescriptor schedule = context.getBean(QStashEndpoint.class).qstash().schedules().get(0);

            assertThat(schedule.server().state()).isEqualTo("differs");
            assertThat(schedule.server().differences()).containsExactly("cron");
            assertThat(schedule.server().paused()).isTrue();
        });
    }

    @Test
    void aScheduleDeletedOnTheServerIsMissingAndUnreadableSchedulesAreUnavailable() {
        this.runner.run((context) -> {
            QStashEndpoint endpoint = context.getBean(QStashEndpoint.class);
            this.qstash.stubFor(get(urlEqualTo("/v2/schedules")).willReturn(okJson("[]")));
            assertThat(endpoint.qstash().schedules().get(0).server().state()).isEqualTo("missing");

            this.qstash.stubFor(get(urlEqualTo("/v2/schedules"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
            assertThat(endpoint.qstash().schedules().get(0).server()).satisfies((server) -> {
                assertThat(server.state()).isEqualTo("unavailable");
                assertThat(server.error()).contains("500").contains("boom");
            });
        });
    }

    @Test
    void namesWhereTheTokenAndEachRegionsKeysComeFromButNeverTheirValues() {
        this.runner.run((context) -> {
            QStashDescriptor descriptor = context.getBean(QStashEndpoint.class).qstash();

            assertThat(descriptor.url()).isEqualTo(this.qstash.baseUrl());
            assertThat(descriptor.token()).contains("qstash.token");
            assertThat(descriptor.regions()).containsOnlyKeys("default", "US_EAST_1", "EU_CENTRAL_1");
            assertThat(descriptor.regions().get("default").currentSigningKey()).contains("qstash.current-signing-key");
            assertThat(descriptor.regions().get("default").nextSigningKey()).contains("qstash.next-signing-key");
            assertThat(descriptor.regions().get("US_EAST_1").currentSigningKey())
                .contains("qstash.regions.us-east-1.current-signing-key");
            assertThat(descriptor.regions().get("US_EAST_1").nextSigningKey()).isEqualTo("not configured");
            assertThat(descriptor.regions().get("EU_CENTRAL_1").currentSigningKey())
                .contains("EU_CENTRAL_1_QSTASH_CURRENT_SIGNING_KEY");

            String json = JsonMapper.shared().writeValueAsString(descriptor);
            for (String secret : List.of(TOKEN, CURRENT, NEXT, US_CURRENT, EU_CURRENT)) {
                assertThat(json).doesNotContain(secret);
            }
        });
    }

    @Test
    void contributorsAddTheirSections() {
        this.runner.withBean(QStashEndpointContributor.class, () -> new QStashEndpointContributor() {

            @Override
            public String name() {
                return "broker";
            }

            @Override
            public Object describe() {
                return Map.of("pending", 3);
            }

        })
            .run((context) -> assertThat(context.getBean(QStashEndpoint.class).qstash().contributions())
                .containsEntry("broker", Map.of("pending", 3)));
    }

    private static String schedules(String cron, boolean paused) {
        return "[{\"scheduleId\":\"shop.report\",\"cron\":\"" + cron + "\",\"destination\":\"" + REPORT_URL
                + "\",\"method\":\"POST\",\"retries\":3,\"isPaused\":" + paused
                + ",\"createdAt\":1700000000000,\"nextScheduleTime\":1800000000000}]";
    }

    record Order(String id) {
    }

    @Configuration(proxyBeanMethods = false)
    static class ShopListeners {

        @QStashListener(path = "/qstash/orders", id = "orders", skipDuplicates = true)
        void onOrder(QStashMessage<Order> message) {
        }

        @QStashListener(path = "/qstash/report", id = "report")
        @QStashSchedule(cron = "0 6 * * *")
        String report() {
            return "ok";
        }

    }

}
