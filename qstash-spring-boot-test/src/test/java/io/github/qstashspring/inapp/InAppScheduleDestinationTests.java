package io.github.qstashspring.inapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.qstashspring.client.PublishRequest;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.Schedule;
import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashMessage;
import io.github.qstashspring.schedule.QStashSchedule;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @QStashSchedule} in in-app mode: the schedule is stored by the in-app broker,
 * and without {@code qstash.listener.base-url} its destination is the application's own
 * local server (port and context path), to which the broker delivers through the
 * listener's signature and URL check.
 */
class InAppScheduleDestinationTests {

    private @Nullable ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (this.context != null) {
            this.context.close();
        }
    }

    @Test
    void withoutBaseUrlTheScheduleTargetsTheLocalServerAndTheBrokerDeliversThere() {
        this.context = run("--qstash.listener.base-url=");
        int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
        String destination = "http://127.0.0.1:" + port + "/ctx/qstash/nightly";
        QStashOperations qstash = this.context.getBean(QStashOperations.class);

        Schedule schedule = qstash.schedules().get("nightly-app.nightly");
        assertThat(schedule.destination()).isEqualTo(destination);
        assertThat(schedule.cron()).isEqualTo("CRON_TZ=Europe/Berlin 0 2 * * *");

        String messageId = qstash
            .publish(PublishRequest.to(schedule.destination())
                .body("{\"kind\":\"nightly\"}")
                .contentType("application/json"))
            .messageId();
        NightlyJob job = this.context.getBean(NightlyJob.class);
        await().untilAsserted(() -> assertThat(job.received).singleElement()
            .satisfies((message) -> assertThat(message.messageId()).isEqualTo(messageId)));
    }

    @Test
    void aConfiguredBaseUrlStillWinsInInAppMode() {
        this.context = run("--qstash.listener.base-url=https://nightly.example.com/");

        assertThat(this.context.getBean(QStashOperations.class).schedules().list()).singleElement()
            .satisfies((schedule) -> {
                assertThat(schedule.scheduleId()).isEqualTo("nightly-app.nightly");
                assertThat(schedule.destination()).isEqualTo("https://nightly.example.com/ctx/qstash/nightly");
            });
    }

    private ConfigurableApplicationContext run(String baseUrlArgument) {
        SpringApplication application = new SpringApplication(NightlyApplication.class);
        return application.run("--server.port=0", "--server.servlet.context-path=/ctx",
                "--spring.application.name=nightly-app", "--qstash.embedded.enabled=true", "--qstash.embedded.port=0",
                "--qstash.embedded.database.url=jdbc:h2:mem:in-app-schedule-" + System.nanoTime()
                        + ";DB_CLOSE_DELAY=-1",
                baseUrlArgument);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class NightlyApplication {

        @Bean
        NightlyJob nightlyJob() {
            return new NightlyJob();
        }

    }

    static class NightlyJob {

        final List<QStashMessage<String>> received = new CopyOnWriteArrayList<>();

        @QStashListener(path = "/qstash/nightly", id = "nightly")
        @QStashSchedule(cron = "CRON_TZ=Europe/Berlin 0 2 * * *")
        void nightly(QStashMessage<String> message) {
            this.received.add(message);
        }

    }

}
