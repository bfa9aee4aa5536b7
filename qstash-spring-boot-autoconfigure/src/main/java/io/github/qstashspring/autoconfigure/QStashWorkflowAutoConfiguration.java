package io.github.qstashspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.listener.QStashListenerRegistry;
import io.github.qstashspring.listener.QStashRequestVerifier;
import io.github.qstashspring.workflow.QStashWorkflowAnnotationBeanPostProcessor;
import io.github.qstashspring.workflow.QStashWorkflowRegistry;

/**
 * Auto-configuration of {@code @QStashWorkflow} endpoints in a servlet Spring MVC
 * application: they are mapped through the listeners' {@link QStashListenerRegistry},
 * verified with the same {@link QStashRequestVerifier}, and publish their steps with the
 * application's {@link QStashOperations}. {@code qstash.workflow.enabled=false} turns
 * them off.
 */
@AutoConfiguration(after = QStashListenerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, RequestMappingHandlerMapping.class })
@ConditionalOnBooleanProperty(name = "qstash.workflow.enabled", matchIfMissing = true)
@ConditionalOnBean(QStashListenerRegistry.class)
public final class QStashWorkflowAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static QStashWorkflowAnnotationBeanPostProcessor qstashWorkflowAnnotationBeanPostProcessor() {
        return new QStashWorkflowAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    QStashWorkflowRegistry qstashWorkflowRegistry(QStashListenerRegistry listenerRegistry,
            QStashRequestVerifier requestVerifier, ObjectProvider<QStashOperations> qstash,
            ObjectProvider<JsonMapper> jsonMapper, QStashConnectionDetails connectionDetails,
            QStashProperties properties) {
        return new QStashWorkflowRegistry(listenerRegistry, requestVerifier, qstash::getObject,
                jsonMapper.getIfAvailable(JsonMapper::shared), connectionDetails.getUrl(),
                () -> String.valueOf(connectionDetails.getToken()),
                properties.getListener().getMaxBodySize().toBytes());
    }

}
