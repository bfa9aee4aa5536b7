package io.github.qstashspring.listener;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.qstashspring.signature.QStashSignatureClaims;

/**
 * Binds one listener method parameter from a {@link Delivery}; chosen once per parameter
 * at startup.
 */
@FunctionalInterface
interface ArgumentBinder {

    Object bind(Delivery delivery);

    /** Chooses the binders of a listener method's parameters. */
    final class Factory {

        private final JsonMapper mapper;

        private final CallbackPayloadReader callbackReader;

        Factory(JsonMapper mapper) {
            this.mapper = mapper;
            this.callbackReader = new CallbackPayloadReader(mapper);
        }

        ArgumentBinder[] forMethod(Method method) {
            ArgumentBinder[] binders = new ArgumentBinder[method.getParameterCount()];
            for (int i = 0; i < binders.length; i++) {
                binders[i] = forParameter(ResolvableType.forMethodParameter(new MethodParameter(method, i)));
            }
            return binders;
        }

        private ArgumentBinder forParameter(ResolvableType type) {
            Class<?> raw = type.toClass();
            if (raw == QStashMessage.class) {
                PayloadConverter payload = payloadConverter(type.getGeneric(0));
                return (delivery) -> delivery.message().withPayload(payload.convert(delivery));
            }
            if (raw == HttpHeaders.class) {
                return (delivery) -> delivery.message().headers();
            }
            if (raw == QStashSignatureClaims.class) {
                return Delivery::claims;
            }
            PayloadConverter payload = payloadConverter(type);
            return payload::convert;
        }

        private PayloadConverter payloadConverter(ResolvableType type) {
            Class<?> raw = type.toClass();
            if (raw == byte[].class) {
                return Delivery::body;
            }
            if (raw == String.class) {
                return (delivery) -> new String(delivery.body(), delivery.charset());
            }
            if (raw == QStashCallbackPayload.class) {
                return (delivery) -> this.callbackReader.read(delivery.body());
            }
            if (JsonNode.class.isAssignableFrom(raw)) {
                return (delivery) -> readTree(delivery.body(), raw);
            }
            Type javaType = (raw == Object.class && type.getType() instanceof Class) ? Object.class : type.getType();
            JavaType target = this.mapper.getTypeFactory().constructType(javaType);
            return (delivery) -> readValue(delivery.body(), target);
        }

        private Object readTree(byte[] body, Class<?> nodeType) {
            JsonNode tree;
            try {
                tree = this.mapper.readTree(body);
            }
            catch (JacksonException ex) {
                throw new QStashPayloadConversionException("Body is not valid JSON: " + ex.getOriginalMessage(), ex);
            }
            if (!nodeType.isInstance(tree)) {
                throw new QStashPayloadConversionException("Body is not a JSON " + nodeType.getSimpleName(),
                        new IllegalArgumentException("got " + tree.getNodeType()));
            }
            return tree;
        }

        private Object readValue(byte[] body, JavaType target) {
            try {
                Object value = this.mapper.readValue(body, target);
                if (value == null) {
                    throw new QStashPayloadConversionException("Body is JSON null, expected " + target,
                            new IllegalArgumentException("null payload"));
                }
                return value;
            }
            catch (JacksonException ex) {
                throw new QStashPayloadConversionException("Body cannot be read as "
                        + target.getRawClass().getSimpleName() + ": " + ex.getOriginalMessage(), ex);
            }
        }

    }

    /** Converts the raw body into a payload. */
    @FunctionalInterface
    interface PayloadConverter {

        Object convert(Delivery delivery);

    }

}
