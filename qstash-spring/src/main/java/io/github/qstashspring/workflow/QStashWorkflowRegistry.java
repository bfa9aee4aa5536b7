package io.github.qstashspring.workflow;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import tools.jackson.databind.json.JsonMapper;

import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.listener.QStashListenerRegistry;
import io.github.qstashspring.listener.QStashRequestVerifier;

/**
 * Maps the {@link QStashWorkflow} methods found by the
 * {@link QStashWorkflowAnnotationBeanPostProcessor} as {@code POST} routes on Spring MVC,
 * through the {@link QStashListenerRegistry} (so they are QStash-verified routes like
 * listeners). Created by the auto-configuration. Fails startup when there are workflows
 * but no QStash token or signing key, or two workflows share an id.
 */
public final class QStashWorkflowRegistry implements SmartInitializingSingleton, BeanFactoryAware {

    private static final Log logger = LogFactory.getLog(QStashWorkflowRegistry.class);

    private final QStashListenerRegistry listenerRegistry;

    private final QStashRequestVerifier requestVerifier;

    private final Supplier<QStashOperations> qstash;

    private final JsonMapper mapper;

    private final String qstashUrl;

    private final Supplier<String> token;

    private final long maxBodySize;

    private final List<String> paths = new CopyOnWriteArrayList<>();

    private @Nullable BeanFactory beanFactory;

    /**
     * Creates the registry.
     * @param listenerRegistry maps the routes
     * @param requestVerifier verifies signatures and knows the public URL of a request
     * @param qstash supplies the QStash client the workflows publish with (called at
     * startup only when there are workflows)
     * @param mapper the application's JSON mapper, for payloads and step results
     * @param qstashUrl the base URL of the QStash API (for webhook URLs)
     * @param token supplies the QStash token (read to create webhook URLs)
     * @param maxBodySize the largest request body accepted, in bytes
     */
    public QStashWorkflowRegistry(QStashListenerRegistry listenerRegistry, QStashRequestVerifier requestVerifier,
            Supplier<QStashOperations> qstash, JsonMapper mapper, String qstashUrl, Supplier<String> token,
            long maxBodySize) {
        this.listenerRegistry = listenerRegistry;
        this.requestVerifier = requestVerifier;
        this.qstash = qstash;
        this.mapper = mapper;
        this.qstashUrl = qstashUrl.endsWith("/") ? qstashUrl.substring(0, qstashUrl.length() - 1) : qstashUrl;
        this.token = token;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /**
     * The paths of the mapped workflows.
     * @return the paths, in registration order
     */
    public List<String> getWorkflowPaths() {
        return List.copyOf(this.paths);
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (this.beanFactory == null) {
            return;
        }
        QStashWorkflowAnnotationBeanPostProcessor postProcessor = this.beanFactory
            .getBeanProvider(QStashWorkflowAnnotationBeanPostProcessor.class)
            .getIfAvailable();
        List<WorkflowDefinition> workflows = (postProcessor != null) ? postProcessor.drainWorkflows() : List.of();
        if (workflows.isEmpty()) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (WorkflowDefinition workflow : workflows) {
            if (!ids.add(workflow.id())) {
                throw new IllegalStateException("Two @QStashWorkflow methods have the id '" + workflow.id()
                        + "'; set a distinct id on one of them (" + workflow.method() + ")");
            }
        }
        WorkflowServices services = new WorkflowServices(this.qstash.get(), new WorkflowJson(this.mapper),
                this.qstashUrl, this.token);
        for (WorkflowDefinition workflow : workflows) {
            WorkflowEndpoint endpoint = new WorkflowEndpoint(workflow, this.requestVerifier, services,
                    this.maxBodySize);
            this.listenerRegistry.registerVerifiedEndpoint("workflow." + workflow.id(), workflow.path(), endpoint,
                    WorkflowEndpoint.HANDLE);
            this.paths.add(workflow.path());
            if (logger.isDebugEnabled()) {
                logger.debug("Mapped QStash workflow " + workflow.id() + " to POST " + workflow.path());
            }
        }
    }

}
