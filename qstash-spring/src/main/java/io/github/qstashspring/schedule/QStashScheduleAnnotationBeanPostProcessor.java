package io.github.qstashspring.schedule;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;

import io.github.qstashspring.listener.AnnotatedMethods;
import io.github.qstashspring.listener.QStashEndpointResolver;
import io.github.qstashspring.listener.QStashListener;

/**
 * Finds {@link QStashSchedule} methods on every bean (looking through AOP proxies),
 * resolves {@code ${...}} placeholders in their attributes and checks them: the method
 * must also be a {@link QStashListener} and the cron expression must be valid, otherwise
 * the bean's creation fails naming the method. The {@link QStashScheduleSynchronizer}
 * takes the collected methods at startup.
 */
public final class QStashScheduleAnnotationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

    private final AnnotatedMethods<QStashSchedule> annotated = new AnnotatedMethods<>(QStashSchedule.class);

    private final List<ScheduledListener> scheduled = Collections.synchronizedList(new ArrayList<>());

    private @Nullable ConfigurableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        Assert.isInstanceOf(ConfigurableBeanFactory.class, beanFactory);
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        this.annotated.of(bean)
            .forEach((method, schedule) -> this.scheduled
                .add(toScheduled(bean, AopUtils.getTargetClass(bean), method, schedule)));
        return bean;
    }

    private ScheduledListener toScheduled(Object bean, Class<?> targetClass, Method method, QStashSchedule schedule) {
        String origin = targetClass.getName() + "." + method.getName();
        QStashListener listener = AnnotatedElementUtils.findMergedAnnotation(method, QStashListener.class);
        if (listener == null) {
            throw new IllegalStateException("@QStashSchedule on " + origin
                    + " needs @QStashListener on the same method: the schedule calls that listener");
        }
        String cron = resolve(schedule.cron());
        try {
            cron = ScheduleCron.validate(cron);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException(
                    "Invalid cron expression '" + cron + "' in @QStashSchedule on " + origin + ": " + ex.getMessage());
        }
        QStashEndpointResolver resolver = resolver();
        String path = resolver.path(listener.path(), "@QStashListener on " + method,
                "@QStashListener(path = \"/qstash/orders\")");
        String listenerId = resolver.id(listener.id(), bean, method);
        return new ScheduledListener(origin, path, listenerId, emptyToNull(resolve(schedule.id())), cron,
                emptyToNull(resolve(schedule.body())), schedule.contentType(),
                (schedule.retries() >= 0) ? schedule.retries() : null, emptyToNull(resolve(schedule.queue())));
    }

    private String resolve(String value) {
        return resolver().resolve(value);
    }

    private QStashEndpointResolver resolver() {
        ConfigurableBeanFactory factory = this.beanFactory;
        Assert.state(factory != null, "BeanFactory not set");
        return new QStashEndpointResolver(factory::resolveEmbeddedValue);
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** The schedule methods collected so far, in the order their beans were created. */
    List<ScheduledListener> scheduledListeners() {
        synchronized (this.scheduled) {
            return List.copyOf(this.scheduled);
        }
    }

}
