package io.github.qstashspring.broker.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import io.github.qstashspring.actuate.QStashEndpoint;
import io.github.qstashspring.autoconfigure.QStashAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashConnectionDetails;
import io.github.qstashspring.autoconfigure.QStashProperties;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.listener.QStashListenerBaseUrlResolver;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * In-app mode: with {@code qstash.embedded.enabled=true} the broker starts in its own
 * isolated application context on its own port (random unless
 * {@code qstash.embedded.port} is set) of {@code 127.0.0.1}, with a token and signing
 * keys generated for its database unless configured, and the application's QStash client
 * and listener verification are pointed at it through a {@link QStashConnectionDetails}
 * bean (URL, token and signing keys), with no other configuration. The dashboard's login
 * link goes to a file only its owner can read ({@link DashboardLoginFile}). A
 * {@link QStashBrokerClock} bean, if the application declares one, becomes the broker's
 * clock. Since the broker runs next to the application, the listener base URL of
 * {@code @QStashSchedule} destinations defaults to the application's own local server
 * ({@link LocalServerListenerBaseUrlResolver}) when {@code qstash.listener.base-url} is
 * not set.
 * <p>
 * Operations, each when the application has what it needs: the broker's meters in the
 * application's {@code MeterRegistry}, its health indicator ({@code qstashBroker}) and
 * its section ({@code broker}) of the {@code qstash} actuator endpoint. Their classes are
 * imported, not {@code @Configuration}s, so that a host application scanning the broker's
 * packages does not pick them up.
 */
@AutoConfiguration(before = QStashAutoConfiguration.class)
@ConditionalOnBooleanProperty("qstash.embedded.enabled")
@EnableConfigurationProperties
@Import({ QStashEmbeddedBrokerAutoConfiguration.BrokerMetricsConfiguration.class,
        QStashEmbeddedBrokerAutoConfiguration.BrokerHealthConfiguration.class,
        QStashEmbeddedBrokerAutoConfiguration.BrokerEndpointConfiguration.class })
public final class QStashEmbeddedBrokerAutoConfiguration {

    private static final Log logger = LogFactory.getLog(QStashEmbeddedBrokerAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    QStashBrokerProperties qstashEmbeddedBrokerProperties() {
        QStashBrokerProperties properties = new QStashBrokerProperties();
        properties.setPort(0);
        return properties;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EmbeddedQStashBroker embeddedQStashBroker(QStashBrokerProperties properties,
            ObjectProvider<QStashBrokerClock> clock, ObjectProvider<BrokerBuilderCustomizer> customizers) {
        EmbeddedQStashBroker.Builder builder = EmbeddedQStashBroker.builder().properties(properties);
        QStashBrokerClock brokerClock = clock.getIfAvailable();
        if (brokerClock != null) {
            Clock value = brokerClock.clock();
            builder.clock(value);
        }
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        EmbeddedQStashBroker broker = builder.start();
        String dashboard = broker.getDashboardUrl();
        Path loginFile = (dashboard != null && generatesToken(properties)) ? DashboardLoginFile.location(properties)
                : null;
        String login = "";
        if (loginFile != null) {
            try {
                DashboardLoginFile.write(loginFile, dashboard, broker.getToken());
                login = " (log in with the link in " + loginFile + ")";
            }
            catch (IOException ex) {
                logger.warn("Could not write the dashboard's login link to " + loginFile + ": " + ex.getMessage());
            }
        }
        if (logger.isInfoEnabled()) {
            // The port is random by default: say where the broker is. Never the token.
            logger.info("Embedded QStash broker started at " + broker.getUrl() + ", listening on "
                    + properties.getAddress() + ((dashboard != null) ? ", dashboard at " + dashboard + login : ""));
        }
        return broker;
    }

    private static boolean generatesToken(QStashBrokerProperties properties) {
        return properties.getToken() == null && !properties.isDevelopmentCredentials();
    }

    @Bean
    @ConditionalOnMissingBean(QStashConnectionDetails.class)
    EmbeddedBrokerConnectionDetails qstashConnectionDetails(EmbeddedQStashBroker broker) {
        return new EmbeddedBrokerConnectionDetails(broker);
    }

    @Bean
    @ConditionalOnMissingBean(QStashListenerBaseUrlResolver.class)
    LocalServerListenerBaseUrlResolver qstashListenerBaseUrlResolver(ObjectProvider<QStashProperties> properties,
            ApplicationContext applicationContext) {
        QStashProperties qstash = properties.getIfAvailable(QStashProperties::new);
        return new LocalServerListenerBaseUrlResolver(qstash.getListener().getBaseUrl(), applicationContext);
    }

    /**
     * The broker's meters go to the application's {@link MeterRegistry}, when it has one.
     */
    @ConditionalOnClass(MeterRegistry.class)
    static class BrokerMetricsConfiguration {

        @Bean
        BrokerBuilderCustomizer qstashBrokerMeterRegistry(ObjectProvider<MeterRegistry> registry) {
            return (builder) -> {
                MeterRegistry meterRegistry = registry.getIfUnique();
                if (meterRegistry != null) {
                    builder.meterRegistry(meterRegistry);
                }
            };
        }

    }

    /**
     * The broker's health indicator, {@code qstashBroker}; off with
     * {@code management.health.qstashbroker.enabled=false}.
     */
    @ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
    @ConditionalOnEnabledHealthIndicator("qstashbroker")
    static class BrokerHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = { "qstashBrokerHealthIndicator", "qstashBrokerHealthContributor" })
        EmbeddedBrokerHealthIndicator qstashBrokerHealthIndicator(EmbeddedQStashBroker broker) {
            return new EmbeddedBrokerHealthIndicator(broker);
        }

    }

    /**
     * The broker's section of the {@code qstash} actuator endpoint, when that endpoint is
     * available.
     */
    @ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
    @ConditionalOnAvailableEndpoint(QStashEndpoint.class)
    @RegisterReflectionForBinding(EmbeddedBrokerEndpointContributor.BrokerDescriptor.class)
    static class BrokerEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "qstashBrokerEndpointContributor")
        EmbeddedBrokerEndpointContributor qstashBrokerEndpointContributor(EmbeddedQStashBroker broker) {
            return new EmbeddedBrokerEndpointContributor(broker);
        }

    }

}
