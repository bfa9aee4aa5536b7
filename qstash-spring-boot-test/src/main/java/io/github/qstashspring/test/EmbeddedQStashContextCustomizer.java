package io.github.qstashspring.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.github.qstashspring.broker.MutableClock;
import io.github.qstashspring.broker.autoconfigure.QStashBrokerClock;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.ClassUtils;

/**
 * Prepares one test application context for {@link EmbeddedQStash}: the broker's
 * properties (enabled, random port, a database of its own), a {@link MutableClock} as the
 * broker's clock, the {@link QStashTestBroker} handle and, in servlet applications, the
 * filter that records what the application received. All instances are equal, so the
 * annotation never splits the context cache by itself. Works in Spring's AOT mode for
 * tests: the handle and the filter are plain bean definitions that AOT processing turns
 * into code.
 */
final class EmbeddedQStashContextCustomizer implements ContextCustomizer {

    /** Name of the property source with the broker's test settings. */
    static final String PROPERTY_SOURCE_NAME = "qstashEmbeddedTest";

    private static final String SERVLET_FILTER = "jakarta.servlet.Filter";

    private static final String ONCE_PER_REQUEST_FILTER = "org.springframework.web.filter.OncePerRequestFilter";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        addBrokerProperties(context.getEnvironment().getPropertySources());
        if (!(context instanceof BeanDefinitionRegistry registry)) {
            throw new IllegalStateException("@EmbeddedQStash needs a context that accepts bean definitions, not "
                    + context.getClass().getName());
        }
        // The state of one test context: singletons, registered anew whenever the context
        // is created (Spring's AOT mode for tests runs the customizers again at run
        // time).
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton("qstashBrokerClock", new QStashBrokerClock(new MutableClock()));
        beanFactory.registerSingleton("qstashDeliveryRecorder", new DeliveryRecorder());
        // Beans built from them: plain class definitions, which AOT processing turns into
        // code; in AOT mode that code registers them, so they are not registered twice.
        if (AotDetector.useGeneratedArtifacts()) {
            return;
        }
        registry.registerBeanDefinition("qstashTestBroker", new RootBeanDefinition(QStashTestBroker.class));
        ClassLoader classLoader = context.getClassLoader();
        if (ClassUtils.isPresent(SERVLET_FILTER, classLoader)
                && ClassUtils.isPresent(ONCE_PER_REQUEST_FILTER, classLoader)) {
            registry.registerBeanDefinition("qstashDeliveryRecordingFilter",
                    new RootBeanDefinition(DeliveryRecordingFilter.class));
        }
    }

    /**
     * Puts the broker's test settings just below the test's own properties: above
     * {@code application.yml} (whose file database, fixed port or production
     * {@code qstash.listener.base-url} would break tests), below
     * {@code @SpringBootTest(properties)} and {@code @TestPropertySource}.
     */
    private static void addBrokerProperties(MutablePropertySources sources) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("qstash.embedded.enabled", "true");
        properties.put("qstash.embedded.port", "0");
        properties.put("qstash.embedded.database.url",
                "jdbc:h2:mem:qstash-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // Deliveries come straight from the broker, not through the production proxy:
        // listeners
        // check the signed URL against the URL the request arrived on.
        properties.put("qstash.listener.base-url", "");
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
        String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
        if (sources.contains(inlined)) {
            sources.addAfter(inlined, source);
        }
        else {
            sources.addFirst(source);
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

}
