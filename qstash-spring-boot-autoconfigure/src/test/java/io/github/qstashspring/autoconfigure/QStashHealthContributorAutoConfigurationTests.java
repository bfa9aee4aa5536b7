package io.github.qstashspring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.qstashspring.actuate.QStashHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

class QStashHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(QStashAutoConfiguration.class, QStashHealthContributorAutoConfiguration.class));

    @Test
    void healthIndicatorNamedQStashIsAddedWhenHealthSupportIsPresent() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(QStashHealthIndicator.class);
            assertThat(context).hasBean("qstashHealthIndicator");
            assertThat(context.getBean(QStashHealthIndicatorProperties.class).getTimeToLive()).hasSeconds(30);
        });
    }

    @Test
    void managementHealthQStashEnabledFalseTurnsItOff() {
        this.contextRunner.withPropertyValues("management.health.qstash.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(QStashHealthIndicator.class));
    }

    @Test
    void managementHealthDefaultsEnabledFalseTurnsItOffToo() {
        this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(QStashHealthIndicator.class));
    }

    @Test
    void withoutSpringBootHealthOnTheClassPathThereIsNoIndicator() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QStashHealthIndicator.class));
    }

    @Test
    void anIndicatorOfTheApplicationNamedQStashHealthIndicatorReplacesIt() {
        this.contextRunner.withUserConfiguration(OwnIndicator.class).run((context) -> {
            assertThat(context).doesNotHaveBean(QStashHealthIndicator.class);
            assertThat(context).hasBean("qstashHealthIndicator");
        });
    }

    @Test
    void timeToLiveIsConfigurable() {
        this.contextRunner.withPropertyValues("management.health.qstash.time-to-live=5m")
            .run((context) -> assertThat(context.getBean(QStashHealthIndicatorProperties.class).getTimeToLive())
                .hasMinutes(5));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIndicator {

        @Bean
        HealthIndicator qstashHealthIndicator() {
            return () -> Health.up().build();
        }

    }

}
