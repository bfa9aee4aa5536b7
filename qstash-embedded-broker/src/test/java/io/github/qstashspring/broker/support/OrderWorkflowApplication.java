package io.github.qstashspring.broker.support;

import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.client.QStashOperations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with the real Java workflow SDK, started in the test JVM on a
 * random port of 127.0.0.1: it serves {@link OrderWorkflow} behind a {@link DeliveryGate}
 * and talks to the broker at a given URL with the development token and signing keys,
 * configured as a user configures it ({@code qstash.url}, {@code qstash.token},
 * {@code qstash.current-signing-key}, {@code qstash.next-signing-key}).
 */
public final class OrderWorkflowApplication implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private OrderWorkflowApplication(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the application; the broker need not run yet.
     * @param brokerUrl the broker's base URL
     * @return the running application
     */
    public static OrderWorkflowApplication start(String brokerUrl) {
        // Command line arguments, so that they win over the application.properties of
        // HostApplicationTests on the test class path.
        return new OrderWorkflowApplication(new SpringApplicationBuilder(Application.class).run("--server.port=0",
                "--server.address=127.0.0.1", "--server.servlet.context-path=", "--spring.main.banner-mode=off",
                "--qstash.url=" + brokerUrl, "--qstash.token=" + QStashBrokerProperties.DEV_TOKEN,
                "--qstash.current-signing-key=" + QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY,
                "--qstash.next-signing-key=" + QStashBrokerProperties.DEV_NEXT_SIGNING_KEY));
    }

    /**
     * @return the application's QStash client
     */
    public QStashOperations qstash() {
        return this.context.getBean(QStashOperations.class);
    }

    /**
     * @return the workflow bean
     */
    public OrderWorkflow workflow() {
        return this.context.getBean(OrderWorkflow.class);
    }

    /**
     * @return the gate in front of the workflow endpoint
     */
    public DeliveryGate gate() {
        return this.context.getBean(DeliveryGate.class);
    }

    /**
     * @return the URL of the workflow endpoint
     */
    public String workflowUrl() {
        return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port")
                + OrderWorkflow.PATH;
    }

    @Override
    public void close() {
        gate().holds().release();
        this.context.close();
    }

    // Not a @SpringBootConfiguration: a host application of another test that scans the
    // broker's packages (HostApplicationTests) must not pick this application up.
    @EnableAutoConfiguration
    static class Application {

        @Bean
        OrderWorkflow orderWorkflow() {
            return new OrderWorkflow();
        }

        @Bean
        DeliveryGate deliveryGate() {
            return new DeliveryGate();
        }

    }

}
