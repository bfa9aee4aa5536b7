package io.github.qstashspring.broker.autoconfigure;

import io.github.qstashspring.actuate.QStashEndpointContributor;
import io.github.qstashspring.autoconfigure.QStashAutoConfiguration;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.support.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-app mode with the application's operations support: the broker's meters in the
 * application's registry, its health indicator and its section of the {@code qstash}
 * endpoint, each only when the application has what it needs.
 */
class BrokerOperationsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(QStashEmbeddedBrokerAutoConfiguration.class, QStashAutoConfiguration.class))
        .withPropertyValues("qstash.embedded.enabled=true", "qstash.embedded.database.url=" + TestDatabases.h2());

    @Test
    void brokerMetersGoToTheApplicationsRegistryAndLeaveItWhenTheBrokerStops() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        this.runner.withBean(MeterRegistry.class, () -> registry).run((context) -> {
            EmbeddedQStashBroker broker = context.getBean(EmbeddedQStashBroker.class);
            assertThat(broker.getApplicationContext().getBeansOfType(Dispatcher.AttemptObserver.class)).hasSize(1);
            assertThat(registry.get("qstash.broker.messages").tag("state", "pending").gauge().value()).isZero();
            assertThat(registry.get("qstash.broker.dlq.size").gauge().value()).isZero();
            assertThat(registry.get("qstash.broker.deliveries.in.flight").gauge().value()).isZero();
            assertThat(registry.get("qstash.broker.deliveries").tag("outcome", "SUCCESS").counter().count()).isZero();
            assertThat(registry.get("qstash.broker.delivery.duration").timers()).hasSize(5);
        });
        assertThat(registry.find("qstash.broker.messages").meters()).isEmpty();
        assertThat(registry.find("qstash.broker.deliveries").meters()).isEmpty();
    }

    @Test
    void withoutARegistryTheBrokerHasNoMeters() {
        this.runner.run((context) -> {
            EmbeddedQStashBroker broker = context.getBean(EmbeddedQStashBroker.class);
            assertThat(broker.getApplicationContext().getBeansOfType(Dispatcher.AttemptObserver.class)).isEmpty();
        });
    }

    @Test
    void withoutMicrometerTheHostHandsTheBrokerNoRegistry() {
        // A broker started beforehand: the filtering class loader would also reach the
        // broker's own context, which needs its repository interfaces.
        try (EmbeddedQStashBroker broker = EmbeddedQStashBroker.builder().databaseUrl(TestDatabases.h2()).start()) {
            this.runner.withBean(EmbeddedQStashBroker.class, () -> broker)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run((context) -> {
                    assertThat(context).hasNotFailed().hasBean("qstashBrokerHealthIndicator");
                    assertThat(context).doesNotHaveBean(BrokerBuilderCustomizer.class);
                });
        }
    }

    @Test
    void healthIndicatorNamedQStashBrokerReportsTheBroker() {
        this.runner.run((context) -> {
            assertThat(context).hasBean("qstashBrokerHealthIndicator");
            Health health = context.getBean("qstashBrokerHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("database", "reachable")
                .containsEntry("dispatching", true)
                .containsEntry("deadLetters", 0L)
                .containsEntry("url", context.getBean(EmbeddedQStashBroker.class).getUrl());
        });
    }

    @Test
    void healthIndicatorIsDownWhenTheBrokerStopped() {
        this.runner.run((context) -> {
            context.getBean(EmbeddedQStashBroker.class).getApplicationContext().stop();
            Health health = context.getBean("qstashBrokerHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("dispatching", false);
        });
    }

    @Test
    void managementHealthQStashBrokerEnabledFalseTurnsItOff() {
        this.runner.withPropertyValues("management.health.qstashbroker.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("qstashBrokerHealthIndicator"));
    }

    @Test
    void theKebabCaseSpellingTurnsItOffToo() {
        this.runner.withPropertyValues("management.health.qstash-broker.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("qstashBrokerHealthIndicator"));
    }

    @Test
    void withoutSpringBootHealthThereIsNoIndicator() {
        try (EmbeddedQStashBroker broker = EmbeddedQStashBroker.builder().databaseUrl(TestDatabases.h2()).start()) {
            this.runner.withBean(EmbeddedQStashBroker.class, () -> broker)
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run((context) -> assertThat(context).hasNotFailed()
                    .hasSingleBean(BrokerBuilderCustomizer.class)
                    .doesNotHaveBean("qstashBrokerHealthIndicator"));
        }
    }

    @Test
    void brokerSectionOfTheQStashEndpointWhenTheEndpointIsExposed() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=qstash").run((context) -> {
            QStashEndpointContributor contributor = context.getBean(QStashEndpointContributor.class);
            assertThat(contributor.name()).isEqualTo("broker");
            assertThat(contributor.describe()).hasFieldOrPropertyWithValue("url",
                    context.getBean(EmbeddedQStashBroker.class).getUrl());
        });
    }

    @Test
    void noBrokerSectionWhenTheEndpointIsNotAvailable() {
        this.runner.withPropertyValues("management.endpoint.qstash.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(QStashEndpointContributor.class));
    }

}
