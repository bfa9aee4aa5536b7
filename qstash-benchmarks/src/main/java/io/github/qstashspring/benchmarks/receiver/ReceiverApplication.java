package io.github.qstashspring.benchmarks.receiver;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A real Spring Boot web application (Tomcat, Spring MVC, the QStash starter) that
 * receives the benchmark's deliveries with {@code @QStashListener} methods, on a random
 * port of this JVM.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ReceiverApplication implements AutoCloseable {

    private final ArrivalLog arrivals = new ArrivalLog();

    private final TickLog ticks = new TickLog();

    private ConfigurableApplicationContext context;

    @Bean
    ArrivalLog arrivalLog() {
        return this.arrivals;
    }

    @Bean
    TickLog tickLog() {
        return this.ticks;
    }

    /**
     * Starts the receiver, verifying signatures with the given keys.
     * @param currentSigningKey the broker's current signing key
     * @param nextSigningKey the broker's next signing key
     * @return the running receiver
     */
    public static ReceiverApplication start(String currentSigningKey, String nextSigningKey) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.jmx.enabled", "false");
        properties.put("logging.level.root", "WARN");
        properties.put("qstash.current-signing-key", currentSigningKey);
        properties.put("qstash.next-signing-key", nextSigningKey);
        properties.put("qstash.embedded.enabled", "false");
        SpringApplication application = new SpringApplication(ReceiverApplication.class);
        application.setDefaultProperties(properties);
        application.setLogStartupInfo(false);
        ConfigurableApplicationContext context = application.run();
        ReceiverApplication receiver = context.getBean(ReceiverApplication.class);
        receiver.context = context;
        return receiver;
    }

    /**
     * @return the arrivals of {@code /bench/deliveries}
     */
    public ArrivalLog arrivals() {
        return this.arrivals;
    }

    /**
     * @return e.g. {@code http://127.0.0.1:41234}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
    }

    /**
     * @return the arrivals of {@code /bench/ticks}
     */
    public TickLog ticks() {
        return this.ticks;
    }

    /**
     * @return the URL of the listener of schedule ticks
     */
    public String tickUrl() {
        return baseUrl() + BenchmarkEndpoints.TICK_PATH;
    }

    /**
     * @return the URL of the end-to-end listener
     */
    public String deliveryUrl() {
        return baseUrl() + BenchmarkEndpoints.DELIVERY_PATH;
    }

    /**
     * @return the URL of the no-op listener
     */
    public String listenerUrl() {
        return baseUrl() + BenchmarkEndpoints.LISTENER_NOOP_PATH;
    }

    /**
     * @return the URL of the plain no-op mapping
     */
    public String plainUrl() {
        return baseUrl() + BenchmarkEndpoints.PLAIN_NOOP_PATH;
    }

    /** Stops the receiver. */
    @Override
    public void close() {
        this.context.close();
    }

}
