package io.github.qstashspring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sample order-processing application. By default it runs on the embedded broker (no
 * account needed); with the {@code cloud} profile it runs against Upstash QStash.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    /**
     * Starts the application (and, unless the {@code cloud} profile is active, the
     * embedded broker).
     * @param args Spring Boot command line arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

}
