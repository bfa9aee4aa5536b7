package io.github.qstashspring.listener;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.StringValueResolver;

/**
 * The one place that turns what an annotation or a registration declares about a QStash
 * endpoint ({@code @QStashListener}, {@code @QStashSchedule}, {@code @QStashWorkflow},
 * {@link QStashListenerRegistrar}) into its request path and id: placeholders resolved,
 * the path trimmed and starting with {@code /}, the id defaulting to
 * {@code SimpleClassName.methodName} of the bean's target class (the user class behind a
 * proxy).
 */
public final class QStashEndpointResolver {

    private final @Nullable StringValueResolver placeholders;

    /**
     * Creates a resolver.
     * @param placeholders resolves {@code ${...}} placeholders (for example
     * {@code ConfigurableBeanFactory::resolveEmbeddedValue}); {@code null} for none
     */
    public QStashEndpointResolver(@Nullable StringValueResolver placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * Resolves the placeholders of a declared value.
     * @param value the declared value
     * @return the resolved value, the empty string when it resolves to nothing
     */
    public String resolve(String value) {
        String resolved = (this.placeholders != null) ? this.placeholders.resolveStringValue(value) : value;
        return (resolved != null) ? resolved : "";
    }

    /**
     * Resolves a declared path.
     * @param declared the declared path, placeholders allowed
     * @param where what declared it, for the error message (for example
     * {@code "@QStashListener on <method>"})
     * @param example an example declaration for the error message
     * @return the path, trimmed and starting with {@code /}
     * @throws IllegalStateException when the path resolves to nothing
     */
    public String path(String declared, String where, String example) {
        String path = resolve(declared);
        if (!StringUtils.hasText(path)) {
            throw new IllegalStateException(where + " needs a path, e.g. " + example);
        }
        return normalizePath(path);
    }

    /**
     * Resolves a declared id, or derives the default one.
     * @param declared the declared id, placeholders allowed, empty for the default
     * @param bean the bean the method is invoked on
     * @param method the endpoint method
     * @return the id
     */
    public String id(String declared, Object bean, Method method) {
        String id = StringUtils.hasText(declared) ? resolve(declared) : "";
        return StringUtils.hasText(id) ? id : defaultId(bean, method);
    }

    /**
     * The path as it is registered: trimmed, with a leading {@code /}.
     * @param path a path with text
     * @return the normalised path
     */
    public static String normalizePath(String path) {
        String trimmed = path.trim();
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    /**
     * The id of an endpoint that declares none: {@code SimpleClassName.methodName} of the
     * bean's target class.
     * @param bean the bean the method is invoked on
     * @param method the endpoint method
     * @return the default id
     */
    public static String defaultId(Object bean, Method method) {
        return AopUtils.getTargetClass(bean).getSimpleName() + "." + method.getName();
    }

}
