package io.github.qstashspring.autoconfigure;

import java.time.Clock;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import io.github.qstashspring.listener.InMemoryQStashDuplicateStore;
import io.github.qstashspring.listener.QStashDuplicateStore;
import io.github.qstashspring.listener.QStashListenerAnnotationBeanPostProcessor;
import io.github.qstashspring.listener.QStashListenerBaseUrlResolver;
import io.github.qstashspring.listener.QStashListenerErrorHandler;
import io.github.qstashspring.listener.QStashListenerRegistry;
import io.github.qstashspring.listener.QStashRawBodyFilter;
import io.github.qstashspring.listener.QStashRequestVerifier;
import io.github.qstashspring.listener.QStashVerifiedInterceptor;
import io.github.qstashspring.observation.QStashListenerObservationConvention;
import io.github.qstashspring.signature.QStashSignatureVerifier;

/**
 * Auto-configuration of {@code @QStashListener} endpoints and {@code @QStashVerified}
 * controllers in a servlet Spring MVC application. {@code qstash.listener.enabled=false}
 * stops exposing listener methods; {@code @QStashVerified} controllers stay protected
 * regardless.
 */
@AutoConfiguration(after = { QStashAutoConfiguration.class, QStashSignatureAutoConfiguration.class },
        afterName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
                "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, RequestMappingHandlerMapping.class })
public final class QStashListenerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "qstash.listener.enabled", matchIfMissing = true)
    static QStashListenerAnnotationBeanPostProcessor qstashListenerAnnotationBeanPostProcessor() {
        return new QStashListenerAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    QStashRequestVerifier qstashRequestVerifier(ObjectProvider<QStashSignatureVerifier> signatureVerifier,
            QStashProperties properties, Environment environment) {
        QStashProperties.Listener listener = properties.getListener();
        return new QStashRequestVerifier(signatureVerifier::getObject,
                RegionSignatureVerifiers.of(properties, environment), listener.getBaseUrl(), listener.isVerifyUrl());
    }

    @Bean
    @ConditionalOnMissingBean
    QStashListenerBaseUrlResolver qstashListenerBaseUrlResolver(QStashProperties properties) {
        return QStashListenerBaseUrlResolver.of(properties.getListener().getBaseUrl());
    }

    @Bean
    @ConditionalOnMissingBean
    QStashDuplicateStore qstashDuplicateStore(QStashProperties properties) {
        QStashProperties.Duplicates duplicates = properties.getListener().getDuplicates();
        return new InMemoryQStashDuplicateStore(duplicates.getTimeToLive(), duplicates.getMaxEntries(),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    QStashListenerErrorHandler qstashListenerErrorHandler() {
        return QStashListenerErrorHandler.defaults();
    }

    @Bean
    @ConditionalOnMissingBean
    QStashListenerRegistry qstashListenerRegistry(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlerMapping,
            QStashRequestVerifier requestVerifier, ObjectProvider<JsonMapper> jsonMapper,
            QStashListenerErrorHandler errorHandler, QStashDuplicateStore duplicateStore,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<QStashListenerObservationConvention> observationConvention, QStashProperties properties) {
        return new QStashListenerRegistry(handlerMapping::getObject, requestVerifier,
                jsonMapper.getIfAvailable(JsonMapper::shared), errorHandler, duplicateStore,
                observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique(),
                properties.getListener().getMaxBodySize().toBytes());
    }

    @Bean
    @ConditionalOnMissingBean
    QStashRawBodyFilter qstashRawBodyFilter(QStashProperties properties, QStashListenerRegistry registry) {
        return new QStashRawBodyFilter(properties.getListener().getMaxBodySize().toBytes(), registry::matches);
    }

    @Bean
    @ConditionalOnMissingBean
    QStashVerifiedInterceptor qstashVerifiedInterceptor(QStashRequestVerifier requestVerifier) {
        return new QStashVerifiedInterceptor(requestVerifier);
    }

    @Bean
    VerifiedHandlerWebMvcConfigurer qstashVerifiedHandlerWebMvcConfigurer(QStashVerifiedInterceptor interceptor) {
        return new VerifiedHandlerWebMvcConfigurer(interceptor);
    }

    /** Adds the {@link QStashVerifiedInterceptor} to Spring MVC. */
    static final class VerifiedHandlerWebMvcConfigurer implements WebMvcConfigurer {

        private final QStashVerifiedInterceptor interceptor;

        VerifiedHandlerWebMvcConfigurer(QStashVerifiedInterceptor interceptor) {
            this.interceptor = interceptor;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(this.interceptor);
        }

    }

}
