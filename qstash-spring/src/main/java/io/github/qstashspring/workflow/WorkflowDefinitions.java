package io.github.qstashspring.workflow;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

import io.github.qstashspring.client.FlowControl;
import io.github.qstashspring.client.WorkflowTrigger;
import io.github.qstashspring.listener.QStashEndpointResolver;

/**
 * Turns a {@link QStashWorkflow} method into a {@link WorkflowDefinition}, resolving
 * placeholders and failing with a message that names the method and the attribute when
 * something is wrong.
 */
final class WorkflowDefinitions {

    private WorkflowDefinitions() {
    }

    static WorkflowDefinition of(Object bean, Class<?> targetClass, Method method, QStashWorkflow annotation,
            QStashEndpointResolver resolver) {
        String where = "@QStashWorkflow on " + method;
        String path = resolver.path(annotation.path(), where, "@QStashWorkflow(\"/workflows/onboarding\")");
        String id = resolver.id(annotation.id(), bean, method);
        Type payloadType = payloadType(method, where);
        Method failureHandler = failureHandler(targetClass, resolver.resolve(annotation.failureHandler()), where);
        return new WorkflowDefinition(id, path, bean, method, payloadType, failureHandler,
                options(annotation, resolver, where));
    }

    private static Type payloadType(Method method, String where) {
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != WorkflowContext.class) {
            throw new IllegalStateException(where + " must take exactly one WorkflowContext<T> parameter");
        }
        ResolvableType payload = ResolvableType.forMethodParameter(new MethodParameter(method, 0)).getGeneric(0);
        return (payload == ResolvableType.NONE || payload.resolve() == null) ? Object.class : payload.getType();
    }

    private static @Nullable Method failureHandler(Class<?> targetClass, String name, String where) {
        if (!StringUtils.hasText(name)) {
            return null;
        }
        Method handler = ReflectionUtils.findMethod(targetClass, name.trim(), WorkflowFailure.class);
        if (handler == null) {
            throw new IllegalStateException(where + " names failureHandler '" + name + "', but " + targetClass.getName()
                    + " has no method " + name + "(WorkflowFailure<T>)");
        }
        return handler;
    }

    private static WorkflowOptions options(QStashWorkflow annotation, QStashEndpointResolver resolver, String where) {
        Integer retries = null;
        String retriesText = resolver.resolve(annotation.retries()).trim();
        if (!retriesText.isEmpty()) {
            try {
                retries = Integer.parseInt(retriesText);
            }
            catch (NumberFormatException ex) {
                throw new IllegalStateException(where + ": retries must be a number, got '" + retriesText + "'", ex);
            }
        }
        String retryDelay = resolver.resolve(annotation.retryDelay()).trim();
        String failureUrl = resolver.resolve(annotation.failureUrl()).trim();
        List<String> labels = new ArrayList<>();
        for (String label : annotation.labels()) {
            labels.add(requireName(resolver.resolve(label).trim(), "label", where));
        }
        return new WorkflowOptions(retries, retryDelay.isEmpty() ? null : retryDelay,
                flowControl(resolver.resolve(annotation.flowControlKey()).trim(),
                        resolver.resolve(annotation.flowControlValue()).trim(), where),
                List.copyOf(labels), failureUrl.isEmpty() ? null : failureUrl);
    }

    /** Reads QStash's {@code parallelism=2, rate=10, period=60s} notation. */
    static @Nullable FlowControl flowControl(String key, String value, String where) {
        if (key.isEmpty()) {
            if (!value.isEmpty()) {
                throw new IllegalStateException(where + ": flowControlValue needs a flowControlKey");
            }
            return null;
        }
        FlowControl flowControl = FlowControl.key(requireName(key, "flowControlKey", where));
        boolean limited = false;
        for (String part : value.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            String setting = pair[0].trim().toLowerCase(Locale.ROOT);
            String number = pair[1].trim();
            try {
                switch (setting) {
                    case "parallelism" -> flowControl.parallelism(Integer.parseInt(number));
                    case "rate" -> flowControl.rate(Integer.parseInt(number));
                    case "period" -> flowControl.period(period(number));
                    default -> throw new IllegalArgumentException("unknown setting '" + setting + "'");
                }
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalStateException(where + ": flowControlValue '" + value + "' is not QStash's "
                        + "'parallelism=<n>, rate=<n>, period=<n>s' (" + ex.getMessage() + ")", ex);
            }
            limited |= !setting.equals("period");
        }
        if (!limited) {
            throw new IllegalStateException(where + ": flowControlValue needs a rate or a parallelism, e.g. "
                    + "'parallelism=2, rate=10, period=60s'");
        }
        return flowControl;
    }

    private static Duration period(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        char unit = lower.charAt(lower.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofSeconds(Long.parseLong(lower));
        }
        long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit in period '" + text + "'");
        };
    }

    private static String requireName(String value, String what, String where) {
        try {
            return WorkflowTrigger.requireResourceName(value, what);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException(where + ": " + ex.getMessage(), ex);
        }
    }

}
