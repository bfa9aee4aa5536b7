package io.github.qstashspring.workflow;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.Assert;

import io.github.qstashspring.listener.AnnotatedMethods;
import io.github.qstashspring.listener.QStashEndpointResolver;

/**
 * Finds {@link QStashWorkflow} methods on every bean (looking through AOP proxies to the
 * target class), resolves the {@code ${...}} placeholders of their attributes and checks
 * them; once all singletons are instantiated, the {@link QStashWorkflowRegistry} maps
 * them on Spring MVC.
 */
public final class QStashWorkflowAnnotationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

    private final AnnotatedMethods<QStashWorkflow> annotated = new AnnotatedMethods<>(QStashWorkflow.class);

    private final List<WorkflowDefinition> workflows = Collections.synchronizedList(new ArrayList<>());

    private @Nullable ConfigurableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        Assert.isInstanceOf(ConfigurableBeanFactory.class, beanFactory);
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Map<Method, QStashWorkflow> methods = this.annotated.of(bean);
        if (methods.isEmpty()) {
            return bean;
        }
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        ConfigurableBeanFactory factory = this.beanFactory;
        Assert.state(factory != null, "BeanFactory not set");
        QStashEndpointResolver resolver = new QStashEndpointResolver(factory::resolveEmbeddedValue);
        methods.forEach((method, annotation) -> this.workflows
            .add(WorkflowDefinitions.of(bean, targetClass, method, annotation, resolver)));
        return bean;
    }

    /** Hands over the workflows collected so far and forgets them. */
    List<WorkflowDefinition> drainWorkflows() {
        synchronized (this.workflows) {
            List<WorkflowDefinition> collected = List.copyOf(this.workflows);
            this.workflows.clear();
            return collected;
        }
    }

}
