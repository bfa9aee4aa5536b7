package io.github.qstashspring.test;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates the {@link EmbeddedQStashContextCustomizer} for test classes annotated
 * (directly, via a meta-annotation, a superclass or an enclosing class) with
 * {@link EmbeddedQStash}. Registered in {@code META-INF/spring.factories}, so Spring's
 * test context framework finds it on its own.
 */
class EmbeddedQStashContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedQStash annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedQStash.class);
        return (annotation != null) ? new EmbeddedQStashContextCustomizer() : null;
    }

}
