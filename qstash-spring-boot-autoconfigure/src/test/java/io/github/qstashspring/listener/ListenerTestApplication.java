package io.github.qstashspring.listener;

import java.lang.reflect.Method;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;

/**
 * The application every listener integration test runs against (one cached context): the
 * listeners of {@link TestListeners}, a {@link QStashVerified} controller, an ordinary
 * controller protected by Spring Boot's default security, a custom error handler and a
 * test observation registry.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ TestListeners.class, Invocations.class, VerifiedController.class, AppController.class })
class ListenerTestApplication {

    static final String CURRENT_KEY = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

    static final String NEXT_KEY = "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs";

    /** Keys of the US region, configured under {@code qstash.regions.us-east-1}. */
    static final String US_CURRENT_KEY = "sig_4bEHnfuVYfBvVzXaA9sTzRzLyd2W";

    static final String US_NEXT_KEY = "sig_6cTnEb8HpYw9QmLg3sKdVa7Xu2Rz";

    @Bean
    PlainWebhooks plainWebhooks(Invocations invocations) {
        return new PlainWebhooks(invocations);
    }

    @Bean
    QStashListenerConfigurer plainWebhooksListener(PlainWebhooks webhooks) throws NoSuchMethodException {
        Method receive = PlainWebhooks.class.getMethod("receive", QStashMessage.class);
        return (registrar) -> registrar.register("/hooks/plain", webhooks, receive);
    }

    @Bean
    TestObservationRegistry observationRegistry() {
        return TestObservationRegistry.create();
    }

    /**
     * A class without annotations, registered through a {@link QStashListenerConfigurer}.
     */
    public static class PlainWebhooks {

        private final Invocations invocations;

        PlainWebhooks(Invocations invocations) {
            this.invocations = invocations;
        }

        public String receive(QStashMessage<TestListeners.Order> message) {
            this.invocations.record("plain", message.payload());
            return "plain " + message.payload().id();
        }

    }

    @Bean
    QStashListenerErrorHandler acknowledgingErrorHandler() {
        return (failure) -> (failure.exception() instanceof TestListeners.AlreadyHandledException)
                ? ResponseEntity.accepted().body("already handled")
                : QStashListenerErrorHandler.defaults().handleError(failure);
    }

}
