package io.github.qstashspring.listener;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;
import tools.jackson.databind.JsonNode;

/**
 * The AOT hints of a {@link QStashListener} method, found by Spring's AOT processing on
 * every bean: the method may be invoked reflectively, and the types Jackson reads the
 * body into and writes the returned value from (a record or POJO payload, {@code T} of
 * {@code QStashMessage<T>}, the body of a returned {@code ResponseEntity<T>}) get binding
 * hints, so that the listener works in a native image without further configuration.
 */
final class QStashListenerReflectiveProcessor extends SimpleReflectiveProcessor {

    private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

    @Override
    protected void registerMethodHint(ReflectionHints hints, Method method) {
        super.registerMethodHint(hints, method);
        List<ResolvableType> types = new ArrayList<>(ListenerPayloadTypes.of(method));
        ResolvableType returned = ResolvableType.forMethodParameter(new MethodParameter(method, -1));
        types.add(HttpEntity.class.isAssignableFrom(returned.toClass()) ? returned.as(HttpEntity.class).getGeneric(0)
                : returned);
        for (ResolvableType type : types) {
            if (needsBindingHints(type.toClass())) {
                this.bindingRegistrar.registerReflectionHints(hints, ListenerPayloadTypes.javaType(type));
            }
        }
    }

    private static boolean needsBindingHints(Class<?> type) {
        return !type.isPrimitive() && !type.isArray() && !type.getName().startsWith("java.")
                && !JsonNode.class.isAssignableFrom(type) && type != QStashCallbackPayload.class;
    }

}
