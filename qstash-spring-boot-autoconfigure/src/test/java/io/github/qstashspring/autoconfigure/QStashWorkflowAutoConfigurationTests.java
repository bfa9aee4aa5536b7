package io.github.qstashspring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.github.qstashspring.listener.QStashListenerRegistry;
import io.github.qstashspring.workflow.QStashWorkflow;
import io.github.qstashspring.workflow.QStashWorkflowAnnotationBeanPostProcessor;
import io.github.qstashspring.workflow.QStashWorkflowRegistry;
import io.github.qstashspring.workflow.WorkflowContext;
import io.github.qstashspring.workflow.WorkflowFailure;

import static org.assertj.core.api.Assertions.assertThat;

class QStashWorkflowAutoConfigurationTests {

    private static final String KEY = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

    private static final String TOKEN = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(QStashAutoConfiguration.class, QStashSignatureAutoConfiguration.class,
                QStashListenerAutoConfiguration.class, QStashWorkflowAutoConfiguration.class,
                JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class));

    @Test
    void withoutWorkflowsNothingIsNeeded() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(QStashWorkflowRegistry.class);
            assertThat(context).hasSingleBean(QStashWorkflowAnnotationBeanPostProcessor.class);
            assertThat(context.getBean(QStashWorkflowRegistry.class).getWorkflowPaths()).isEmpty();
        });
    }

    @Test
    void aWorkflowIsAVerifiedMvcRouteAtItsResolvedPath() {
        this.runner.withUserConfiguration(Workflows.class)
            .withPropertyValues("qstash.current-signing-key=" + KEY, "qstash.token=" + TOKEN, "flows=/flows")
            .run((context) -> {
                assertThat(context.getBean(QStashWorkflowRegistry.class).getWorkflowPaths())
                    .containsExactly("/flows/orders");
                RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                        RequestMappingHandlerMapping.class);
                assertThat(mapping.getHandlerMethods().keySet())
                    .anySatisfy((info) -> assertThat(info.getPatternValues()).containsExactly("/flows/orders"));
                MockHttpServletRequest request = new MockHttpServletRequest("POST", "/flows/orders");
                assertThat(context.getBean(QStashListenerRegistry.class).matches(request)).isTrue();
            });
    }

    @Test
    void aWorkflowWithoutTokenFailsStartupNamingTheProperty() {
        this.runner.withUserConfiguration(Workflows.class)
            .withPropertyValues("qstash.current-signing-key=" + KEY, "flows=/flows")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(QStashTokenMissingException.class);
            });
    }

    @Test
    void aWorkflowWithoutSigningKeyFailsStartupNamingTheProperty() {
        this.runner.withUserConfiguration(Workflows.class)
            .withPropertyValues("qstash.token=" + TOKEN, "flows=/flows")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("qstash.current-signing-key");
            });
    }

    @Test
    void anUnknownFailureHandlerFailsStartupNamingIt() {
        this.runner.withUserConfiguration(MissingFailureHandler.class)
            .withPropertyValues("qstash.current-signing-key=" + KEY, "qstash.token=" + TOKEN)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("failureHandler 'missing'")
                    .hasMessageContaining("missing(WorkflowFailure<T>)");
            });
    }

    @Test
    void aFlowControlValueThatIsNotQStashsNotationFailsStartup() {
        this.runner.withUserConfiguration(BadFlowControl.class)
            .withPropertyValues("qstash.current-signing-key=" + KEY, "qstash.token=" + TOKEN)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasStackTraceContaining("flowControlValue 'speed=fast'");
            });
    }

    @Test
    void workflowsCanBeTurnedOff() {
        this.runner.withUserConfiguration(Workflows.class)
            .withPropertyValues("qstash.workflow.enabled=false", "flows=/flows")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(QStashWorkflowRegistry.class);
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class Workflows {

        @Bean
        OrderWorkflow orderWorkflow() {
            return new OrderWorkflow();
        }

    }

    static class OrderWorkflow {

        @QStashWorkflow(path = "${flows}/orders", failureHandler = "failed", retries = "2")
        String orders(WorkflowContext<String> context) {
            return context.run("step", String.class, () -> "done");
        }

        String failed(WorkflowFailure<String> failure) {
            return "noted";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class MissingFailureHandler {

        @Bean
        Object missingHandlerWorkflow() {
            return new Object() {

                @QStashWorkflow(path = "/w", failureHandler = "missing")
                void run(WorkflowContext<String> context) {
                }

            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class BadFlowControl {

        @Bean
        Object badFlowControlWorkflow() {
            return new Object() {

                @QStashWorkflow(path = "/w", flowControlKey = "k", flowControlValue = "speed=fast")
                void run(WorkflowContext<String> context) {
                }

            };
        }

    }

}
