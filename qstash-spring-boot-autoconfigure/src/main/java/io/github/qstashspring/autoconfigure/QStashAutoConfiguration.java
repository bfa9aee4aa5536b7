package io.github.qstashspring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the QStash client: binds {@link QStashProperties} and exposes the
 * {@link QStashConnectionDetails} every other QStash bean reads its URL, token and keys from.
 */
@AutoConfiguration
@EnableConfigurationProperties(QStashProperties.class)
public final class QStashAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(QStashConnectionDetails.class)
    PropertiesQStashConnectionDetails qstashConnectionDetails(QStashProperties properties) {
        return new PropertiesQStashConnectionDetails(properties);
    }
}
