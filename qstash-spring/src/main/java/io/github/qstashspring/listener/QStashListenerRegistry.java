package io.github.qstashspring.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.databind.json.JsonMapper;

import io.github.qstashspring.observation.QStashListenerObservationConvention;

/**
 * Registers {@link QStashListener} methods as {@code POST} routes on Spring MVC's
 * {@link RequestMappingHandlerMapping} and knows which requests go to QStash-verified
 * handlers (listeners and {@link QStashVerified} controllers), for example to exempt them
 * from CSRF protection and login in Spring Security. Created by the auto-configuration;
 * once all singletons exist it takes the listener methods found by the
 * {@link QStashListenerAnnotationBeanPostProcessor} and those of the
 * {@link QStashListenerConfigurer} beans (unless listeners are disabled), registers them,
 * and finds the {@link QStashVerified} handlers. Fails startup if there is anything to
 * verify but no signing key.
 */
public final class QStashListenerRegistry implements SmartInitializingSingleton, BeanFactoryAware {

    private static final Log logger = LogFactory.getLog(QStashListenerRegistry.class);

    private final Supplier<RequestMappingHandlerMapping> handlerMapping;

    private final ListenerCollaborators collaborators;

    private final ArgumentBinder.Factory binders;

    private @Nullable BeanFactory beanFactory;

    private final List<ListenerEndpoint> endpoints = new CopyOnWriteArrayList<>();

    private final List<RequestMappingInfo> verifiedMappings = new CopyOnWriteArrayList<>();

    private final List<QStashListenerInfo> listenerInfos = new CopyOnWriteArrayList<>();

    /**
     * Creates the registry.
     * @param handlerMapping supplies Spring MVC's {@code requestMappingHandlerMapping}
     * @param requestVerifier verifies signatures
     * @param mapper the JSON mapper payloads are read with
     * @param errorHandler maps failures to responses
     * @param duplicateStore remembers processed message ids
     * @param observationRegistry records one observation per delivery
     * @param observationConvention a custom convention, or {@code null} for the default
     * @param maxBodySize the largest body a listener accepts, in bytes
     */
    public QStashListenerRegistry(Supplier<RequestMappingHandlerMapping> handlerMapping,
            QStashRequestVerifier requestVerifier, JsonMapper mapper, QStashListenerErrorHandler errorHandler,
            QStashDuplicateStore duplicateStore, ObservationRegistry observationRegistry,
            @Nullable QStashListenerObservationConvention observationConvention, long maxBodySize) {
        this.handlerMapping = handlerMapping;
        this.collaborators = new ListenerCollaborators(requestVerifier, errorHandler, duplicateStore,
                observationRegistry, observationConvention, maxBodySize);
        this.binders = new ArgumentBinder.Factory(mapper);
    }

    /**
     * Whether the request is addressed to a listener or a {@link QStashVerified} handler.
     * @param request the request
     * @return {@code true} if a QStash-verified handler would handle it
     */
    public boolean matches(HttpServletRequest request) {
        if (this.verifiedMappings.isEmpty()) {
            return false;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            for (RequestMappingInfo mapping : this.verifiedMappings) {
                if (mapping.getMatchingCondition(request) != null) {
                    return true;
                }
            }
            return false;
        }
        finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    /**
     * The paths of the registered listeners.
     * @return the paths, in registration order
     */
    public List<String> getListenerPaths() {
        return this.endpoints.stream().map(ListenerEndpoint::path).toList();
    }

    /**
     * The registered listeners: id, path, method and payload type of each.
     * @return the listeners, in registration order
     */
    public List<QStashListenerInfo> getListeners() {
        return List.copyOf(this.listenerInfos);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<ListenerMethod> listeners = new ArrayList<>();
        if (this.beanFactory != null) {
            QStashListenerAnnotationBeanPostProcessor postProcessor = this.beanFactory
                .getBeanProvider(QStashListenerAnnotationBeanPostProcessor.class)
                .getIfAvailable();
            if (postProcessor != null) {
                listeners.addAll(postProcessor.drainListeners());
                QStashListenerRegistrar registrar = new QStashListenerRegistrar();
                this.beanFactory.getBeanProvider(QStashListenerConfigurer.class)
                    .orderedStream()
                    .forEach((configurer) -> configurer.configure(registrar));
                listeners.addAll(registrar.listeners());
            }
        }
        registerAll(listeners);
    }

    private void registerAll(List<ListenerMethod> listeners) {
        RequestMappingHandlerMapping mapping = this.handlerMapping.get();
        Set<String> ids = new HashSet<>();
        for (ListenerMethod listener : listeners) {
            if (!ids.add(listener.id())) {
                throw new IllegalStateException("Two @QStashListener methods have the id '" + listener.id()
                        + "'; set a distinct id on one of them (" + listener.method() + ")");
            }
        }
        List<RequestMappingInfo> verified = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (handler.hasMethodAnnotation(QStashVerified.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), QStashVerified.class)) {
                verified.add(entry.getKey());
            }
        }
        if (!listeners.isEmpty() || !verified.isEmpty()) {
            this.collaborators.requestVerifier().requireVerifier();
        }
        for (ListenerMethod listener : listeners) {
            verified.add(register(mapping, listener));
        }
        this.verifiedMappings.addAll(verified);
    }

    /**
     * Maps a handler that reads and verifies QStash requests itself, such as a
     * {@code @QStashWorkflow} endpoint, as a {@code POST} route at {@code path}. Like a
     * listener it is known to {@link #matches} (so Spring Security lets QStash through)
     * and needs a signing key (startup fails without one).
     * @param id a name for the route, unique among these handlers
     * @param path the request path, for example {@code /workflows/onboarding}
     * @param handler the object to invoke the method on
     * @param handlerMethod a method taking the {@code HttpServletRequest} and returning a
     * {@code ResponseEntity}
     */
    public void registerVerifiedEndpoint(String id, String path, Object handler, Method handlerMethod) {
        this.collaborators.requestVerifier().requireVerifier();
        this.verifiedMappings.add(mapPost(this.handlerMapping.get(), id, path, handler, handlerMethod));
    }

    private RequestMappingInfo register(RequestMappingHandlerMapping mapping, ListenerMethod listener) {
        ListenerEndpoint endpoint = new ListenerEndpoint(listener.id(), listener.path(), listener.bean(),
                listener.method(), listener.skipDuplicates(), this.binders.forMethod(listener.method()),
                this.collaborators);
        RequestMappingInfo info = mapPost(mapping, listener.id(), listener.path(), endpoint, ListenerEndpoint.HANDLE);
        this.endpoints.add(endpoint);
        this.listenerInfos
            .add(QStashListenerInfo.of(listener.id(), listener.path(), listener.method(), listener.skipDuplicates()));
        return info;
    }

    private static RequestMappingInfo mapPost(RequestMappingHandlerMapping mapping, String id, String path,
            Object handler, Method handlerMethod) {
        RequestMappingInfo info = RequestMappingInfo.paths(path)
            .methods(RequestMethod.POST)
            .mappingName("QStash#" + id)
            .options(mapping.getBuilderConfiguration())
            .build();
        mapping.registerMapping(info, handler, handlerMethod);
        if (logger.isDebugEnabled()) {
            logger.debug("Mapped QStash endpoint " + id + " to POST " + path);
        }
        return info;
    }

    /** A collected listener method with its resolved path and id. */
    record ListenerMethod(Object bean, Method method, String path, String id, boolean skipDuplicates) {
    }

}
