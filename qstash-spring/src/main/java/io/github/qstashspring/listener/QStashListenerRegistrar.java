package io.github.qstashspring.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

/**
 * Collects the listeners a {@link QStashListenerConfigurer} registers in code. Each
 * becomes a {@code POST} route at its path, exactly like a {@link QStashListener} method.
 */
public final class QStashListenerRegistrar {

    private final List<QStashListenerRegistry.ListenerMethod> listeners = new ArrayList<>();

    QStashListenerRegistrar() {
    }

    /**
     * Registers a listener with the default id ({@code SimpleClassName.methodName} of the
     * bean's target class, as for {@link QStashListener}) and no duplicate guard.
     * @param path the request path, for example {@code /qstash/orders}
     * @param bean the object to invoke the method on
     * @param method a public method of the bean's class
     */
    public void register(String path, Object bean, Method method) {
        register(QStashEndpointResolver.defaultId(bean, method), path, bean, method, false);
    }

    /**
     * Registers a listener.
     * @param id the listener id (logs, observations, duplicate store)
     * @param path the request path, for example {@code /qstash/orders}
     * @param bean the object to invoke the method on
     * @param method a method of the bean's class
     * @param skipDuplicates whether already processed message ids are acknowledged
     * without running the method (see {@link QStashListener#skipDuplicates()})
     */
    public void register(String id, String path, Object bean, Method method, boolean skipDuplicates) {
        Assert.hasText(id, "id must not be empty");
        Assert.hasText(path, "path must not be empty");
        Assert.isTrue(method.getDeclaringClass().isInstance(bean),
                () -> "Method " + method + " cannot be invoked on " + bean.getClass().getName());
        this.listeners.add(new QStashListenerRegistry.ListenerMethod(bean, method,
                QStashEndpointResolver.normalizePath(path), id, skipDuplicates));
    }

    List<QStashListenerRegistry.ListenerMethod> listeners() {
        return List.copyOf(this.listeners);
    }

}
