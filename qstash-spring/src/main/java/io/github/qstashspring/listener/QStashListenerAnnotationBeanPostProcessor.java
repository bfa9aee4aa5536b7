package io.github.qstashspring.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.Assert;

/**
 * Finds {@link QStashListener} methods on every bean (looking through AOP proxies to the
 * target class) and resolves {@code ${...}} placeholders in their paths. Once all
 * singletons are instantiated, the {@link QStashListenerRegistry} takes the collected
 * methods and registers them on Spring MVC. Without this post-processor
 * ({@code qstash.listener.enabled=false}) no listener is exposed.
 */
public final class QStashListenerAnnotationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

    private final AnnotatedMethods<QStashListener> annotated = new AnnotatedMethods<>(QStashListener.class);

    private final List<QStashListenerRegistry.ListenerMethod> listeners = Collections
        .synchronizedList(new ArrayList<>());

    private @Nullable ConfigurableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        Assert.isInstanceOf(ConfigurableBeanFactory.class, beanFactory);
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        this.annotated.of(bean)
            .forEach((method, annotation) -> this.listeners.add(toListener(bean, method, annotation)));
        return bean;
    }

    private QStashListenerRegistry.ListenerMethod toListener(Object bean, Method method, QStashListener annotation) {
        QStashEndpointResolver resolver = new QStashEndpointResolver(requireBeanFactory()::resolveEmbeddedValue);
        String path = resolver.path(annotation.path(), "@QStashListener on " + method,
                "@QStashListener(path = \"/qstash/orders\")");
        String id = resolver.id(annotation.id(), bean, method);
        return new QStashListenerRegistry.ListenerMethod(bean, method, path, id, annotation.skipDuplicates());
    }

    /** Hands over the listener methods collected so far and forgets them. */
    List<QStashListenerRegistry.ListenerMethod> drainListeners() {
        synchronized (this.listeners) {
            List<QStashListenerRegistry.ListenerMethod> collected = List.copyOf(this.listeners);
            this.listeners.clear();
            return collected;
        }
    }

    private ConfigurableBeanFactory requireBeanFactory() {
        Assert.state(this.beanFactory != null, "BeanFactory not set");
        return this.beanFactory;
    }

}
