package io.github.qstashspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.qstashspring.actuate.QStashHealthIndicator;
import io.github.qstashspring.client.QStashOperations;

/**
 * Auto-configuration of the {@code qstash} {@link QStashHealthIndicator} when Spring
 * Boot's health support is on the class path; off with
 * {@code management.health.qstash.enabled=false}.
 */
@AutoConfiguration(after = QStashAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ QStashOperations.class, QStashConnectionDetails.class })
@ConditionalOnEnabledHealthIndicator("qstash")
@EnableConfigurationProperties(QStashHealthIndicatorProperties.class)
public final class QStashHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = { "qstashHealthIndicator", "qstashHealthContributor" })
    QStashHealthIndicator qstashHealthIndicator(ObjectProvider<QStashOperations> operations,
            QStashConnectionDetails connectionDetails, QStashHealthIndicatorProperties properties) {
        return new QStashHealthIndicator(operations::getObject, connectionDetails, properties.getTimeToLive());
    }

}
