package io.github.qstashspring.autoconfigure;

import jakarta.servlet.ServletContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.listener.QStashListenerBaseUrlResolver;
import io.github.qstashspring.listener.QStashListenerRegistry;
import io.github.qstashspring.schedule.QStashScheduleAnnotationBeanPostProcessor;
import io.github.qstashspring.schedule.QStashScheduleSynchronizer;

/**
 * Auto-configuration of {@code @QStashSchedule}: collects the annotated listener methods
 * and synchronises their QStash schedules when the application starts. The destinations
 * start with what the {@link QStashListenerBaseUrlResolver} bean answers
 * ({@code qstash.listener.base-url} unless the in-app embedded broker or the application
 * replaces it). Off with {@code qstash.schedule.enabled=false}.
 */
@AutoConfiguration(after = { QStashAutoConfiguration.class, QStashListenerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "qstash.schedule.enabled", matchIfMissing = true)
public final class QStashScheduleAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static QStashScheduleAnnotationBeanPostProcessor qstashScheduleAnnotationBeanPostProcessor() {
        return new QStashScheduleAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    QStashScheduleSynchronizer qstashScheduleSynchronizer(QStashScheduleAnnotationBeanPostProcessor annotations,
            ObjectProvider<QStashOperations> operations, ObjectProvider<QStashListenerRegistry> listeners,
            ObjectProvider<QStashListenerBaseUrlResolver> baseUrl, QStashProperties properties,
            ApplicationContext applicationContext, Environment environment) {
        QStashListenerBaseUrlResolver resolver = () -> baseUrl
            .getIfAvailable(() -> QStashListenerBaseUrlResolver.of(properties.getListener().getBaseUrl()))
            .resolveBaseUrl();
        return new QStashScheduleSynchronizer(annotations, operations::getObject, listeners::getObject, resolver,
                () -> servletPrefix(applicationContext, environment), properties.getSchedule().getIdPrefix(),
                environment.getProperty("spring.application.name"));
    }

    private static String servletPrefix(ApplicationContext applicationContext, Environment environment) {
        String contextPath = "";
        if (applicationContext instanceof WebApplicationContext webContext) {
            ServletContext servletContext = webContext.getServletContext();
            if (servletContext != null) {
                contextPath = servletContext.getContextPath();
            }
        }
        else {
            contextPath = environment.getProperty("server.servlet.context-path", "");
        }
        return trimTrailingSlashes(contextPath)
                + trimTrailingSlashes(environment.getProperty("spring.mvc.servlet.path", ""));
    }

    private static String trimTrailingSlashes(String path) {
        String trimmed = path.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return (trimmed.isEmpty() || trimmed.startsWith("/")) ? trimmed : "/" + trimmed;
    }

}
