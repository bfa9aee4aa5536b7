package io.github.qstashspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.qstashspring.actuate.QStashEndpoint;
import io.github.qstashspring.actuate.QStashEndpointContributor;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.listener.QStashListenerRegistry;
import io.github.qstashspring.schedule.QStashScheduleSynchronizer;

/**
 * Auto-configuration of the {@code qstash} actuator endpoint ({@link QStashEndpoint})
 * when the actuator is on the class path and the endpoint is available (exposed, for
 * example, with {@code management.endpoints.web.exposure.include=qstash}).
 */
@AutoConfiguration(after = { QStashAutoConfiguration.class, QStashListenerAutoConfiguration.class,
        QStashScheduleAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(QStashConnectionDetails.class)
@ConditionalOnAvailableEndpoint(QStashEndpoint.class)
public final class QStashEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    QStashEndpoint qstashEndpoint(QStashConnectionDetails connectionDetails, QStashProperties properties,
            Environment environment, ObjectProvider<QStashListenerRegistry> listeners,
            ObjectProvider<QStashScheduleSynchronizer> schedules, ObjectProvider<QStashOperations> operations,
            ObjectProvider<QStashEndpointContributor> contributors) {
        return new QStashEndpoint(connectionDetails, properties, environment, listeners, schedules,
                operations::getObject, contributors);
    }

}
