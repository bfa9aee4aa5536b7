package io.github.qstashspring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.qstashspring.client.QStashOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class QStashTokenMissingFailureAnalyzerTests {

    @Test
    void startupFailureReportTellsWhichPropertyOrVariableToSet(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PublishingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatException().isThrownBy(() -> application.run("--qstash.token="));

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("no QStash token is configured")
            .contains("the environment variable QSTASH_TOKEN")
            .contains("the property 'qstash.token'");
    }

    @Test
    void receiveOnlyApplicationStartsWithoutToken() {
        SpringApplication application = new SpringApplication(ReceivingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        try (var context = application.run("--qstash.token=", "--qstash.current-signing-key=sig_a")) {
            assertThat(context.getBean(QStashConnectionDetails.class).getCurrentSigningKey()).isEqualTo("sig_a");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(QStashAutoConfiguration.class)
    static class PublishingApplication {

        @Bean
        String orderPublisher(QStashOperations qstash) {
            return "publisher";
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(QStashAutoConfiguration.class)
    static class ReceivingApplication {

    }

}
