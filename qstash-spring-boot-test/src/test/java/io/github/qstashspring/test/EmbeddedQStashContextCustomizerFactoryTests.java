package io.github.qstashspring.test;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which test classes get the broker, and that the annotation never splits the context
 * cache by itself.
 */
class EmbeddedQStashContextCustomizerFactoryTests {

    private final EmbeddedQStashContextCustomizerFactory factory = new EmbeddedQStashContextCustomizerFactory();

    @Test
    void aClassWithoutTheAnnotationGetsNoBroker() {
        assertThat(customizerFor(Plain.class)).isNull();
    }

    @Test
    void annotatedMetaAnnotatedInheritedAndNestedClassesGetTheBroker() {
        assertThat(customizerFor(Annotated.class)).isInstanceOf(EmbeddedQStashContextCustomizer.class);
        assertThat(customizerFor(MetaAnnotated.class)).isInstanceOf(EmbeddedQStashContextCustomizer.class);
        assertThat(customizerFor(Subclass.class)).isInstanceOf(EmbeddedQStashContextCustomizer.class);
        assertThat(customizerFor(Annotated.Inner.class)).isInstanceOf(EmbeddedQStashContextCustomizer.class);
    }

    @Test
    void customizersOfDifferentClassesAreEqualSoContextsAreShared() {
        ContextCustomizer first = customizerFor(Annotated.class);
        ContextCustomizer second = customizerFor(MetaAnnotated.class);
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    private ContextCustomizer customizerFor(Class<?> testClass) {
        return this.factory.createContextCustomizer(testClass, List.of());
    }

    static class Plain {

    }

    @EmbeddedQStash
    static class Annotated {

        /** An inner (non-static) class, like a JUnit {@code @Nested} test class. */
        class Inner {

        }

    }

    static class Subclass extends Annotated {

    }

    @Retention(RetentionPolicy.RUNTIME)
    @EmbeddedQStash
    @interface OrderServiceTest {

    }

    @OrderServiceTest
    static class MetaAnnotated {

    }

}
