package io.github.qstashspring.listener;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * A registered {@link QStashListener}, as the {@link QStashListenerRegistry} exposes it:
 * for tools that describe an application (the actuator's {@code qstash} endpoint). Every
 * listener is a {@code POST} route whose requests are signature-verified.
 *
 * @param id the listener id (logs, observations, duplicate store)
 * @param path the request path, starting with {@code /}
 * @param method the method invoked for each delivery
 * @param payloadType the type the body is converted to ({@code T} of a
 * {@code QStashMessage<T>} parameter), or {@code null} when no parameter takes the body
 * @param skipDuplicates whether already processed message ids are acknowledged without
 * invoking the method
 */
public record QStashListenerInfo(String id, String path, Method method, @Nullable Type payloadType,
        boolean skipDuplicates) {

    /** The HTTP method of every listener route. */
    public static final String HTTP_METHOD = "POST";

    static QStashListenerInfo of(String id, String path, Method method, boolean skipDuplicates) {
        Type payloadType = ListenerPayloadTypes.of(method)
            .stream()
            .findFirst()
            .map(ListenerPayloadTypes::javaType)
            .orElse(null);
        return new QStashListenerInfo(id, path, method, payloadType, skipDuplicates);
    }

}
