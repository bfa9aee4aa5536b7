package io.github.qstashspring.workflow;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A workflow an endpoint serves: the bean method, its payload type, its failure handler
 * and its options.
 *
 * @param id the workflow id (logs)
 * @param path the request path
 * @param bean the bean the method belongs to
 * @param method the workflow method, taking a {@link WorkflowContext}
 * @param payloadType the payload type, {@code T} of {@code WorkflowContext<T>}
 * @param failureHandler the method of the bean taking a {@link WorkflowFailure}, or
 * {@code null}
 * @param options the run configuration
 */
record WorkflowDefinition(String id, String path, Object bean, Method method, Type payloadType,
        @Nullable Method failureHandler, WorkflowOptions options) {

    WorkflowDefinition {
        method = invocable(method, bean);
        failureHandler = (failureHandler != null) ? invocable(failureHandler, bean) : null;
    }

    /** Whether the workflow method returns a result (it is not {@code void}). */
    boolean hasResult() {
        return this.method.getReturnType() != void.class && this.method.getReturnType() != Void.class;
    }

    /** Runs the workflow method; exceptions come out unwrapped. */
    @Nullable Object run(WorkflowContext<?> context) throws Exception {
        return call(this.method, context);
    }

    /** Runs the failure handler; exceptions come out unwrapped. */
    @Nullable Object handleFailure(WorkflowFailure<?> failure) throws Exception {
        if (this.failureHandler == null) {
            throw new IllegalStateException("Workflow " + this.id + " has no failure handler");
        }
        return call(this.failureHandler, failure);
    }

    private @Nullable Object call(Method target, Object argument) throws Exception {
        try {
            return target.invoke(this.bean, argument);
        }
        catch (InvocationTargetException ex) {
            Throwable cause = ex.getTargetException();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    private static Method invocable(Method method, Object bean) {
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(invocable);
        return invocable;
    }

}
