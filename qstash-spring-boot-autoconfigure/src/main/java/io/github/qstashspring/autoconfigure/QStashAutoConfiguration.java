package io.github.qstashspring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import tools.jackson.databind.json.JsonMapper;

import io.github.qstashspring.client.QStashApiCallObserver;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.QStashTemplate;
import io.github.qstashspring.client.TransportRetryPolicy;
import io.github.qstashspring.observation.QStashClientObservationCallObserver;
import io.github.qstashspring.observation.QStashClientObservationConvention;

/**
 * Auto-configuration of the QStash client: binds {@link QStashProperties}, exposes the
 * {@link QStashConnectionDetails} every other QStash bean reads its URL, token and keys
 * from, and a {@link QStashTemplate}.
 * <p>
 * The template bean is lazy: it is created only when something injects it, and only then
 * does a missing token fail (with {@link QStashTokenMissingException}, explained by a
 * failure analyzer). An application that only receives messages therefore starts without
 * a token.
 */
@AutoConfiguration
@EnableConfigurationProperties(QStashProperties.class)
public final class QStashAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(QStashConnectionDetails.class)
    PropertiesQStashConnectionDetails qstashConnectionDetails(QStashProperties properties) {
        return new PropertiesQStashConnectionDetails(properties);
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean(QStashOperations.class)
    QStashTemplate qstashTemplate(QStashConnectionDetails connectionDetails, QStashProperties properties,
            ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<QStashApiCallObserver> observer,
            ObjectProvider<QStashTemplateCustomizer> customizers) {
        String token = connectionDetails.getToken();
        if (token == null || token.isBlank()) {
            throw new QStashTokenMissingException();
        }
        QStashProperties.Client client = properties.getClient();
        QStashTemplate.Builder builder = QStashTemplate.builder()
            .url(connectionDetails.getUrl())
            .token(token)
            .connectTimeout(client.getConnectTimeout())
            .readTimeout(client.getReadTimeout())
            .httpTransport(client.getHttpTransport())
            .maxConnections(client.getMaxConnections())
            .retryPolicy(retryPolicy(client.getRetry()));
        jsonMapper.ifUnique(builder::jsonMapper);
        observer.ifUnique(builder::observer);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    private static TransportRetryPolicy retryPolicy(QStashProperties.Retry retry) {
        return retry.isEnabled() ? new TransportRetryPolicy(retry.getMaxRetries(), retry.getBackoffBase())
                : TransportRetryPolicy.none();
    }

    /** Observes every API call when micrometer-observation is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    static class QStashClientObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean(QStashApiCallObserver.class)
        QStashClientObservationCallObserver qstashClientObservationCallObserver(
                ObjectProvider<ObservationRegistry> observationRegistry,
                ObjectProvider<QStashClientObservationConvention> convention) {
            return new QStashClientObservationCallObserver(
                    observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), convention.getIfAvailable());
        }

    }

}
