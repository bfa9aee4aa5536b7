package io.github.qstashspring.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.github.qstashspring.listener.QStashListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code @QStashSchedule} in a real Spring Boot application with an embedded Tomcat: the
 * synchronisation runs once the web server is up, the servlet context path is part of the
 * destination, and a configuration error stops {@code SpringApplication.run}.
 */
class QStashScheduleApplicationTests {

    private final StatefulSchedulesApi qstash = new StatefulSchedulesApi();

    @AfterEach
    void stopQStash() {
        this.qstash.shutdown();
    }

    @Test
    void synchronisesAfterTheWebServerStartedWithTheContextPathInTheDestination() {
        List<Boolean> webServerUpAtCreate = new ArrayList<>();
        this.qstash.onCreate((destination) -> webServerUpAtCreate.add(PingApplication.webServerUp.get()));
        try (ConfigurableApplicationContext context = run("--qstash.listener.base-url=https://app.example.com")) {
            assertThat(context.isRunning()).isTrue();
        }
        assertThat(webServerUpAtCreate).containsExactly(true);
        assertThat(this.qstash.schedules()).containsOnlyKeys("ping-service.ping");
        assertThat(this.qstash.schedules().get("ping-service.ping"))
            .containsEntry("destination", "https://app.example.com/ctx/qstash/ping")
            .containsEntry("cron", "*/10 * * * *");
    }

    @Test
    void missingBaseUrlStopsTheApplicationNamingTheProperty() {
        assertThatException().isThrownBy(this::run)
            .withStackTraceContaining(
                    "needs the public URL QStash reaches this application on: " + "set qstash.listener.base-url");
        assertThat(this.qstash.schedules()).isEmpty();
    }

    private ConfigurableApplicationContext run(String... extraArgs) {
        PingApplication.webServerUp.set(false);
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.servlet.context-path=/ctx",
                "--spring.application.name=ping-service", "--qstash.url=" + this.qstash.url(),
                "--qstash.token=test-token", "--qstash.current-signing-key=sig_current",
                "--qstash.client.retry.enabled=false"));
        args.addAll(List.of(extraArgs));
        return new SpringApplication(PingApplication.class).run(args.toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PingApplication {

        static final AtomicBoolean webServerUp = new AtomicBoolean();

        @Bean
        PingListener pingListener() {
            return new PingListener();
        }

        @Bean
        ApplicationListener<WebServerInitializedEvent> webServerUpRecorder() {
            return (event) -> webServerUp.set(true);
        }

    }

    static class PingListener {

        @QStashListener(path = "/qstash/ping")
        @QStashSchedule(id = "ping", cron = "*/10 * * * *")
        void ping() {
        }

    }

}
