package io.github.qstashspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashApiCallObserver;
import io.github.qstashspring.client.QStashConnectionException;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.QStashTemplate;
import io.github.qstashspring.client.SigningKeys;
import io.github.qstashspring.testsupport.QStashWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QStashAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(QStashAutoConfiguration.class));

    private final WireMockServer qstash = QStashWireMock.server();

    @BeforeEach
    void start() {
        this.qstash.start();
        this.qstash
            .stubFor(get(urlEqualTo("/v2/keys")).willReturn(okJson("{\"current\":\"sig_a\",\"next\":\"sig_b\"}")));
    }

    @AfterEach
    void stop() {
        this.qstash.stop();
    }

    private String[] qstashAt(String token) {
        return new String[] { "qstash.url=" + this.qstash.baseUrl() + "/", "qstash.token=" + token,
                "qstash.client.retry.backoff-base=1ms" };
    }

    @Test
    void receiveOnlyApplicationWithoutTokenStarts() {
        this.contextRunner
            .withPropertyValues("qstash.current-signing-key=sig_current", "qstash.next-signing-key=sig_next")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBeanFactory().containsBeanDefinition("qstashTemplate")).isTrue();
                assertThat(context.getBeanFactory().containsSingleton("qstashTemplate")).isFalse();
                QStashConnectionDetails details = context.getBean(QStashConnectionDetails.class);
                assertThat(details.getToken()).isNull();
                assertThat(details.getCurrentSigningKey()).isEqualTo("sig_current");
                assertThat(details.getNextSigningKey()).isEqualTo("sig_next");
            });
    }

    @Test
    void injectingTheTemplateWithoutTokenFailsWithAnAnalysisNamingThePropertyAndTheVariable() {
        this.contextRunner.withUserConfiguration(NeedsTemplate.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(QStashTokenMissingException.class);
            FailureAnalysis analysis = new QStashTokenMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("no QStash token is configured");
            assertThat(analysis.getAction()).contains("QSTASH_TOKEN").contains("'qstash.token'");
        });
    }

    @Test
    void failureAnalyzerIsRegisteredInSpringFactories() {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
            }));

        assertThat(analyzers).hasAtLeastOneElementOfType(QStashTokenMissingFailureAnalyzer.class);
    }

    @Test
    void standardEnvironmentVariablesConfigureEverything() {
        Map<String, Object> environment = Map.of("QSTASH_URL", this.qstash.baseUrl(), "QSTASH_TOKEN", "env-token",
                "QSTASH_CURRENT_SIGNING_KEY", "sig_env_current", "QSTASH_NEXT_SIGNING_KEY", "sig_env_next");
        this.contextRunner
            .withInitializer((context) -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
            .run((context) -> {
                QStashConnectionDetails details = context.getBean(QStashConnectionDetails.class);
                assertThat(details.getUrl()).isEqualTo(this.qstash.baseUrl());
                assertThat(details.getCurrentSigningKey()).isEqualTo("sig_env_current");
                assertThat(details.getNextSigningKey()).isEqualTo("sig_env_next");

                SigningKeys keys = context.getBean(QStashOperations.class).signingKeys().get();

                assertThat(keys.current()).isEqualTo("sig_a");
                this.qstash.verify(getRequestedFor(urlEqualTo("/v2/keys")).withHeader("Authorization",
                        equalTo("Bearer env-token")));
            });
    }

    @Test
    void defaultUrlIsTheEuRegion() {
        this.contextRunner.run((context) -> assertThat(context.getBean(QStashConnectionDetails.class).getUrl())
            .isEqualTo("https://qstash.upstash.io"));
    }

    @Test
    void userOperationsBeanBacksOffTheTemplate() {
        this.contextRunner.withPropertyValues("qstash.token=t")
            .withUserConfiguration(UserTemplate.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(QStashOperations.class);
                assertThat(context.getBean(QStashOperations.class)).isSameAs(context.getBean("userTemplate"));
            });
    }

    @Test
    void userConnectionDetailsReplaceThePropertiesAndFeedTheTemplate() {
        this.contextRunner.withPropertyValues("qstash.token=ignored", "qstash.url=http://127.0.0.1:9")
            .withBean(QStashConnectionDetails.class,
                    () -> new FixedConnectionDetails(this.qstash.baseUrl(), "broker-token"))
            .run((context) -> {
                assertThat(context).hasSingleBean(QStashConnectionDetails.class);
                context.getBean(QStashOperations.class).signingKeys().get();
                this.qstash.verify(getRequestedFor(urlEqualTo("/v2/keys")).withHeader("Authorization",
                        equalTo("Bearer broker-token")));
            });
    }

    @Test
    void customizersAreAppliedInOrderAfterTheProperties() {
        this.contextRunner.withPropertyValues(qstashAt("t")).withUserConfiguration(Customizers.class).run((context) -> {
            context.getBean(QStashOperations.class).signingKeys().get();

            assertThat(context.getBean(Customizers.class).applied).containsExactly("first", "second");
            assertThat(context.getBean(Customizers.class).observed).containsExactly("signingKeys.get");
        });
    }

    @Test
    void applicationJsonMapperSerialisesPayloads() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"m\"}")));
        this.contextRunner.withPropertyValues(qstashAt("t"))
            .withBean(JsonMapper.class,
                    () -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
            .run((context) -> {
                context.getBean(QStashOperations.class).publishJson("https://x.test/a", new Payload("v"));

                this.qstash.verify(postRequestedFor(urlEqualTo("/v2/publish/https://x.test/a"))
                    .withRequestBody(equalToJson("{\"some_value\":\"v\"}")));
            });
    }

    @Test
    void transportRetriesFollowTheProperties() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        this.contextRunner.withPropertyValues(qstashAt("t"))
            .withPropertyValues("qstash.client.retry.max-retries=1")
            .run((context) -> {
                assertThatExceptionOfType(QStashConnectionException.class)
                    .isThrownBy(() -> context.getBean(QStashOperations.class)
                        .publish(PublishRequest.to("https://x.test/a").body("x")));
                this.qstash.verify(2, postRequestedFor(anyUrl()));
            });
    }

    @Test
    void transportRetriesCanBeDisabled() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        this.contextRunner.withPropertyValues(qstashAt("t"))
            .withPropertyValues("qstash.client.retry.enabled=false")
            .run((context) -> {
                assertThatExceptionOfType(QStashConnectionException.class)
                    .isThrownBy(() -> context.getBean(QStashOperations.class)
                        .publish(PublishRequest.to("https://x.test/a").body("x")));
                this.qstash.verify(1, postRequestedFor(anyUrl()));
            });
    }

    @Test
    void httpClient5IsTheDefaultTransportWhenOnTheClassPath() {
        this.contextRunner.withPropertyValues(qstashAt("t")).run((context) -> {
            context.getBean(QStashOperations.class).signingKeys().get();

            this.qstash.verify(
                    getRequestedFor(urlEqualTo("/v2/keys")).withHeader("User-Agent", matching("Apache-HttpClient/.*")));
        });
    }

    @Test
    void closingTheContextClosesTheTemplatesHttpClient() {
        QStashOperations[] template = new QStashOperations[1];
        this.contextRunner.withPropertyValues(qstashAt("t"))
            .withPropertyValues("qstash.client.retry.enabled=false")
            .run((context) -> {
                template[0] = context.getBean(QStashOperations.class);
                template[0].signingKeys().get();
            });

        assertThatIllegalStateException().isThrownBy(() -> template[0].signingKeys().get())
            .withMessage("Connection pool shut down");
        this.qstash.verify(1, getRequestedFor(urlEqualTo("/v2/keys")));
    }

    @Test
    void theJdkTransportCanBeChosenWithAProperty() {
        this.contextRunner.withPropertyValues(qstashAt("t"))
            .withPropertyValues("qstash.client.http-transport=jdk")
            .run((context) -> {
                context.getBean(QStashOperations.class).signingKeys().get();

                this.qstash.verify(getRequestedFor(urlEqualTo("/v2/keys")).withHeader("User-Agent",
                        matching("Java-http-client/.*")));
            });
    }

    @Test
    void observationIsRecordedWhenARegistryIsPresent() {
        this.contextRunner.withPropertyValues(qstashAt("t"))
            .withBean(ObservationRegistry.class, TestObservationRegistry::create)
            .run((context) -> {
                context.getBean(QStashOperations.class).signingKeys().get();

                TestObservationRegistry registry = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
                io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat(registry)
                    .hasSingleObservationThat()
                    .hasNameEqualTo("qstash.client.requests")
                    .hasLowCardinalityKeyValue("qstash.operation", "signingKeys.get")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS");
            });
    }

    @Test
    void withBootsMicrometerAutoConfigurationEveryCallIsATimer() {
        this.contextRunner.withPropertyValues(qstashAt("t"))
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
            .run((context) -> {
                context.getBean(QStashOperations.class).signingKeys().get();

                Timer timer = context.getBean(MeterRegistry.class)
                    .get("qstash.client.requests")
                    .tag("qstash.operation", "signingKeys.get")
                    .tag("qstash.destination.kind", "none")
                    .tag("outcome", "SUCCESS")
                    .tag("status", "200")
                    .timer();
                assertThat(timer.count()).isEqualTo(1);
            });
    }

    @Test
    void withoutMicrometerTheTemplateWorksUnobserved() {
        this.contextRunner.withPropertyValues(qstashAt("t"))
            .withClassLoader(new FilteredClassLoader("io.micrometer"))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(QStashApiCallObserver.class);
                assertThat(context.getBean(QStashOperations.class).signingKeys().get().next()).isEqualTo("sig_b");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class NeedsTemplate {

        @Bean
        String publisher(QStashOperations operations) {
            return "publisher";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserTemplate {

        @Bean
        QStashTemplate userTemplate() {
            return QStashTemplate.builder().token("user").build();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        final List<String> applied = new ArrayList<>();

        final List<String> observed = new ArrayList<>();

        @Bean
        @Order(2)
        QStashTemplateCustomizer second() {
            return (builder) -> {
                this.applied.add("second");
                builder.observer((call, execution) -> {
                    this.observed.add(call.operation());
                    return execution.get();
                });
            };
        }

        @Bean
        @Order(1)
        QStashTemplateCustomizer first() {
            return (builder) -> this.applied.add("first");
        }

    }

    record Payload(String someValue) {
    }

    record FixedConnectionDetails(String getUrl, String getToken) implements QStashConnectionDetails {

        @Override
        public @Nullable String getCurrentSigningKey() {
            return null;
        }

        @Override
        public @Nullable String getNextSigningKey() {
            return null;
        }
    }

}
