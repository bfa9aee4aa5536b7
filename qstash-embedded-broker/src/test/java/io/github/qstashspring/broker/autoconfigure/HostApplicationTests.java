package io.github.qstashspring.broker.autoconfigure;

import javax.sql.DataSource;

import io.github.qstashspring.autoconfigure.QStashConnectionDetails;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.support.BrokerClient;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real host application with the broker jar on its classpath, started with full
 * auto-configuration and an {@code application.properties} of its own.
 */
class HostApplicationTests {

    @Test
    void plainHostStartsWithoutBrokerDataSourceOrJpa() {
        try (ConfigurableApplicationContext host = new SpringApplicationBuilder(HostApplication.class)
            .properties("server.port=0")
            .run()) {
            assertThat(host.getBeansOfType(EmbeddedQStashBroker.class)).isEmpty();
            assertThat(host.getBeansOfType(DataSource.class)).isEmpty();
            assertThat(host.getBeansOfType(EntityManagerFactory.class)).isEmpty();
        }
    }

    @Test
    void enabledBrokerIsIsolatedFromTheHost() {
        try (ConfigurableApplicationContext host = new SpringApplicationBuilder(HostApplication.class)
            .properties("server.port=0", "qstash.embedded.enabled=true",
                    "qstash.embedded.database.url=jdbc:h2:mem:qstash-${random.uuid}")
            .run()) {
            EmbeddedQStashBroker broker = host.getBean(EmbeddedQStashBroker.class);
            assertThat(host.getEnvironment().getProperty("server.servlet.context-path")).isEqualTo("/host-only");
            QStashConnectionDetails details = host.getBean(QStashConnectionDetails.class);
            assertThat(details.getUrl()).isEqualTo(broker.getUrl());
            // The broker serves at its root: it did not read the host's
            // application.properties.
            assertThat(new BrokerClient(details.getUrl(), details.getToken()).get("/v2/keys").status()).isEqualTo(200);
            assertThat(broker.getApplicationContext().containsBean("hostMarker")).isFalse();
            // The host has Spring Security; the broker got none of it and answers with
            // its token alone.
            assertThat(host.getBeansOfType(SecurityFilterChain.class)).isNotEmpty();
            assertThat(broker.getApplicationContext().getBeansOfType(SecurityFilterChain.class)).isEmpty();
            assertThat(broker.getApplicationContext().getParent()).isNull();
            assertThat(host.getBeansOfType(DataSource.class)).isEmpty();
        }
    }

    @Test
    void hostScanningTheBrokerPackagesDoesNotPickUpTheBroker() {
        try (ConfigurableApplicationContext host = new SpringApplicationBuilder(ScanningHostApplication.class)
            .properties("server.port=0")
            .run()) {
            assertThat(host.getBeansOfType(Dispatcher.class)).isEmpty();
            assertThat(host.getBeansOfType(DataSource.class)).isEmpty();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApplication {

        @Bean
        String hostMarker() {
            return "host";
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan(basePackages = "io.github.qstashspring",
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*Tests.*"))
    static class ScanningHostApplication {

    }

}
