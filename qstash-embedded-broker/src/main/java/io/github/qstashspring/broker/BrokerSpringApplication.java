package io.github.qstashspring.broker;

import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AotApplicationContextInitializer;

/**
 * The {@link SpringApplication} of the in-app broker's own context, which starts the same
 * way whether the host application runs normally or in Spring's AOT mode.
 * <p>
 * {@code -Dspring.aot.enabled=true} is a JVM-wide switch: with it, a plain
 * {@code SpringApplication} would skip the broker's configuration class, create a context
 * that does not process configuration classes, and apply the host application's generated
 * initializer (named after the host's main class) to the broker's context, which then
 * holds the host's beans instead of the broker's. The broker's context is not part of the
 * host's AOT processing, so it is always built from its configuration class at run time:
 * an annotation-config context, and, in AOT mode, an AOT initializer of its own that
 * registers {@link QStashBrokerConfiguration} (its presence also stops Spring Boot from
 * looking for the host's).
 */
final class BrokerSpringApplication {

    private BrokerSpringApplication() {
    }

    static SpringApplication create() {
        SpringApplication application = new SpringApplication(QStashBrokerConfiguration.class);
        application.setApplicationContextFactory(
                ApplicationContextFactory.of(AnnotationConfigServletWebServerApplicationContext::new));
        if (AotDetector.useGeneratedArtifacts()) {
            AotApplicationContextInitializer<ConfigurableApplicationContext> registration = (context) -> {
                if (context instanceof AnnotationConfigServletWebServerApplicationContext annotationContext) {
                    annotationContext.register(QStashBrokerConfiguration.class);
                }
            };
            application.addInitializers(registration);
        }
        return application;
    }

    /**
     * Runs the broker's application, shielded from any {@code SpringApplicationHook} on
     * the calling thread: the host's test framework installs one while it starts the
     * host's context (to hand it, in Spring's AOT mode for tests, the test context's
     * generated initializer), and the broker starts on that thread, from inside the
     * host's refresh.
     * @param application the application from {@link #create()}
     * @return the running context
     */
    static ConfigurableApplicationContext run(SpringApplication application) {
        SpringApplicationHook noHook = (ignored) -> null;
        return SpringApplication.withHook(noHook, () -> application.run());
    }

}
