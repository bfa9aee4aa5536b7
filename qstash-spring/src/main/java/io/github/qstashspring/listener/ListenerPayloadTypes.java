package io.github.qstashspring.listener;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;

import io.github.qstashspring.signature.QStashSignatureClaims;

/**
 * Which types a listener method's body is converted to: every parameter except the
 * metadata ({@link HttpHeaders}, {@link QStashSignatureClaims}) receives the payload, and
 * a {@link QStashMessage QStashMessage&lt;T&gt;} receives it as {@code T}. The same rule
 * as the {@link ArgumentBinder}s, read by the actuator endpoint and the AOT hints.
 */
final class ListenerPayloadTypes {

    private ListenerPayloadTypes() {
    }

    /**
     * The payload types of a listener method, in parameter order.
     * @param method the listener method
     * @return the types the body is converted to, empty when no parameter takes it
     */
    static List<ResolvableType> of(Method method) {
        List<ResolvableType> types = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            ResolvableType type = ResolvableType.forMethodParameter(new MethodParameter(method, i));
            Class<?> raw = type.toClass();
            if (raw == HttpHeaders.class || raw == QStashSignatureClaims.class) {
                continue;
            }
            types.add((raw == QStashMessage.class) ? type.getGeneric(0) : type);
        }
        return types;
    }

    /**
     * The Java type of a resolved type: the declared type, or the class a type variable
     * was resolved to.
     * @param type a type from {@link #of(Method)} or a generic of it
     * @return the type to bind to
     */
    static Type javaType(ResolvableType type) {
        return (type.getType() instanceof TypeVariable<?>) ? type.toClass() : type.getType();
    }

}
