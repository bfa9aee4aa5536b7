package io.github.qstashspring.listener;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds the methods of a bean that carry an annotation (merged, so meta-annotations
 * count), looking through AOP proxies to the target class and remembering the classes
 * that have none. Used by the post-processors of {@code @QStashListener},
 * {@code @QStashSchedule} and {@code @QStashWorkflow}.
 *
 * @param <A> the annotation
 */
public final class AnnotatedMethods<A extends Annotation> {

    private final Class<A> annotationType;

    private final Set<Class<?>> classesWithout = Collections.newSetFromMap(new ConcurrentHashMap<>());

    /**
     * Creates a finder.
     * @param annotationType the annotation to look for
     */
    public AnnotatedMethods(Class<A> annotationType) {
        this.annotationType = annotationType;
    }

    /**
     * The annotated methods of a bean's target class.
     * @param bean the bean
     * @return each method with its merged annotation; empty when there is none
     */
    public Map<Method, A> of(Object bean) {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        if (this.classesWithout.contains(targetClass)
                || !AnnotationUtils.isCandidateClass(targetClass, this.annotationType)) {
            return Map.of();
        }
        Map<Method, A> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<A>) (method) -> AnnotatedElementUtils.findMergedAnnotation(method,
                        this.annotationType));
        if (methods.isEmpty()) {
            this.classesWithout.add(targetClass);
        }
        return methods;
    }

}
