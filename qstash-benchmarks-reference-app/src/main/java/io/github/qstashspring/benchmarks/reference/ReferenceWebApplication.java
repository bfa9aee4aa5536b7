package io.github.qstashspring.benchmarks.reference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest Spring Boot web application: Spring MVC on Tomcat with one route,
 * {@code GET /ping}. The standalone broker's start and memory are measured beside it,
 * started with the same command in the same run.
 */
@SpringBootApplication
@RestController
public class ReferenceWebApplication {

    /**
     * Runs the application.
     * @param args Spring Boot command line arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(ReferenceWebApplication.class, args);
    }

    @GetMapping("/ping")
    String ping() {
        return "pong";
    }

}
