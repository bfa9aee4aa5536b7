package io.github.qstashspring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.qstashspring.actuate.QStashEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

class QStashEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(QStashAutoConfiguration.class, QStashEndpointAutoConfiguration.class));

    @Test
    void endpointIsAddedWhenExposed() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=qstash")
            .run((context) -> assertThat(context).hasSingleBean(QStashEndpoint.class));
    }

    @Test
    void endpointIsAddedWhenExposedOverJmx() {
        this.contextRunner
            .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=qstash")
            .run((context) -> assertThat(context).hasSingleBean(QStashEndpoint.class));
    }

    @Test
    void endpointIsLeftOutWhenNotExposed() {
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(QStashEndpoint.class));
    }

    @Test
    void endpointIsLeftOutWhenItsAccessIsNone() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=qstash",
                    "management.endpoint.qstash.access=NONE")
            .run((context) -> assertThat(context).doesNotHaveBean(QStashEndpoint.class));
    }

    @Test
    void withoutTheActuatorThereIsNoEndpoint() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
            .withPropertyValues("management.endpoints.web.exposure.include=qstash")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QStashEndpoint.class));
    }

}
