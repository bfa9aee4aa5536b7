package io.github.qstashspring.broker.autoconfigure;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.github.qstashspring.autoconfigure.QStashAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashConnectionDetails;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.MutableClock;
import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.NetworkAddresses;
import io.github.qstashspring.broker.support.TestDatabases;
import io.github.qstashspring.listener.QStashListenerBaseUrlResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * In-app mode: the broker in its own context, the host's connection details pointing at
 * it.
 */
@ExtendWith(OutputCaptureExtension.class)
class QStashEmbeddedBrokerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(QStashEmbeddedBrokerAutoConfiguration.class, QStashAutoConfiguration.class))
        .withPropertyValues("qstash.embedded.database.url=" + TestDatabases.h2());

    @Test
    void brokerDoesNotStartUnlessEnabled() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(EmbeddedQStashBroker.class);
            assertThat(context.getBean(QStashConnectionDetails.class).getUrl()).isEqualTo("https://qstash.upstash.io");
        });
    }

    @Test
    void enabledBrokerRunsOnItsOwnPortAndTheHostPointsAtIt() {
        this.runner
            .withPropertyValues("qstash.embedded.enabled=true", "qstash.url=https://ignored.example", "server.port=1",
                    "spring.datasource.url=jdbc:invalid")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                EmbeddedQStashBroker broker = context.getBean(EmbeddedQStashBroker.class);
                QStashConnectionDetails details = context.getBean(QStashConnectionDetails.class);
                assertThat(broker.getPort()).isPositive().isNotEqualTo(1);
                assertThat(details.getUrl()).isEqualTo("http://127.0.0.1:" + broker.getPort());
                assertThat(details.getToken()).isEqualTo(broker.getToken());
                BrokerClient client = new BrokerClient(details.getUrl(), details.getToken());
                assertThat(client.get("/v2/keys").status()).isEqualTo(200);
            });
    }

    @Test
    void inAppBrokerGeneratesItsTokenAndKeysAndHandsThemToTheApplication() {
        this.runner.withPropertyValues("qstash.embedded.enabled=true").run((context) -> {
            QStashConnectionDetails details = context.getBean(QStashConnectionDetails.class);
            assertThat(details.getToken()).isNotEqualTo(QStashBrokerProperties.DEV_TOKEN);
            // The shape of QStash's tokens, which the official SDKs decode.
            String decoded = new String(Base64.getDecoder().decode(details.getToken()), StandardCharsets.UTF_8);
            assertThat(decoded).matches("\\{\"UserID\":\"embedded-[A-Za-z0-9]{12}\",\"Password\":\"[A-Za-z0-9]{32}\"}");
            assertThat(details.getCurrentSigningKey()).matches("sig_[A-Za-z0-9]{28}")
                .isNotIn(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY, QStashBrokerProperties.DEV_NEXT_SIGNING_KEY);
            assertThat(details.getNextSigningKey()).matches("sig_[A-Za-z0-9]{28}")
                .isNotIn(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY, QStashBrokerProperties.DEV_NEXT_SIGNING_KEY);
            BrokerClient client = new BrokerClient(details.getUrl(), details.getToken());
            assertThat(client.get("/v2/keys").json().get("current").asString())
                .isEqualTo(details.getCurrentSigningKey());
            assertThat(new BrokerClient(details.getUrl(), QStashBrokerProperties.DEV_TOKEN).get("/v2/logs").status())
                .isEqualTo(401);
        });
    }

    @Test
    void generatedCredentialsStayTheSameForTheSameDatabase() {
        ApplicationContextRunner sameDatabase = this.runner.withPropertyValues("qstash.embedded.enabled=true",
                "qstash.embedded.database.url=" + TestDatabases.h2());
        String[] first = new String[3];
        sameDatabase.run((context) -> {
            QStashConnectionDetails details = context.getBean(QStashConnectionDetails.class);
            first[0] = details.getToken();
            first[1] = details.getCurrentSigningKey();
            first[2] = details.getNextSigningKey();
        });
        sameDatabase.run((context) -> {
            QStashConnectionDetails details = context.getBean(QStashConnectionDetails.class);
            assertThat(new String[] { details.getToken(), details.getCurrentSigningKey(), details.getNextSigningKey() })
                .containsExactly(first);
        });
        this.runner.withPropertyValues("qstash.embedded.enabled=true")
            .run((context) -> assertThat(context.getBean(QStashConnectionDetails.class).getToken())
                .isNotEqualTo(first[0]));
    }

    @Test
    void developmentCredentialsOnlyWhenConfigured() {
        this.runner.withPropertyValues("qstash.embedded.enabled=true", "qstash.embedded.development-credentials=true")
            .run((context) -> {
                QStashConnectionDetails details = context.getBean(QStashConnectionDetails.class);
                assertThat(details.getToken()).isEqualTo(QStashBrokerProperties.DEV_TOKEN);
                assertThat(details.getCurrentSigningKey()).isEqualTo(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY);
                assertThat(details.getNextSigningKey()).isEqualTo(QStashBrokerProperties.DEV_NEXT_SIGNING_KEY);
            });
    }

    @Test
    void inAppBrokerListensOnLoopbackOnly() {
        String networkAddress = NetworkAddresses.nonLoopbackIpv4();
        this.runner.withPropertyValues("qstash.embedded.enabled=true").run((context) -> {
            EmbeddedQStashBroker broker = context.getBean(EmbeddedQStashBroker.class);
            assertThat(NetworkAddresses.accepts("127.0.0.1", broker.getPort())).isTrue();
            assertThat(NetworkAddresses.accepts(networkAddress, broker.getPort())).isFalse();
        });
    }

    @Test
    void dashboardLoginLinkGoesToAFileOnlyItsOwnerCanRead(@TempDir Path directory, CapturedOutput output)
            throws IOException {
        Path file = directory.resolve("login.url");
        this.runner.withPropertyValues("qstash.embedded.enabled=true", "qstash.embedded.dashboard.login-file=" + file)
            .run((context) -> {
                EmbeddedQStashBroker broker = context.getBean(EmbeddedQStashBroker.class);
                String link = Files.readString(file).trim();
                assertThat(link).isEqualTo(broker.getDashboardUrl() + "#token="
                        + URLEncoder.encode(broker.getToken(), StandardCharsets.UTF_8));
                if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .isEqualTo("rw-------");
                }
                assertThat(output).contains("log in with the link in " + file)
                    .doesNotContain(broker.getToken())
                    .doesNotContain(URLEncoder.encode(broker.getToken(), StandardCharsets.UTF_8));
            });
    }

    @Test
    void dashboardLoginLinkDefaultsToTheDirectoryOfAnH2FileDatabase(@TempDir Path directory) {
        this.runner
            .withPropertyValues("qstash.embedded.enabled=true",
                    "qstash.embedded.database.url=jdbc:h2:file:" + directory.resolve("db/broker"))
            .run((context) -> assertThat(directory.resolve("db/dashboard-login.url")).exists());
        Path other = directory.resolve("none");
        this.runner
            .withPropertyValues("qstash.embedded.enabled=true", "qstash.embedded.development-credentials=true",
                    "qstash.embedded.database.url=jdbc:h2:file:" + other.resolve("broker"))
            .run((context) -> assertThat(other.resolve("dashboard-login.url")).doesNotExist());
    }

    @Test
    void brokerPropertiesComeFromTheHostEnvironment() {
        this.runner
            .withPropertyValues("qstash.embedded.enabled=true", "qstash.embedded.token=host-token",
                    "qstash.embedded.current-signing-key=sig_current", "qstash.embedded.next-signing-key=sig_next")
            .run((context) -> {
                QStashConnectionDetails details = context.getBean(QStashConnectionDetails.class);
                assertThat(details.getToken()).isEqualTo("host-token");
                assertThat(details.getCurrentSigningKey()).isEqualTo("sig_current");
                BrokerClient client = new BrokerClient(details.getUrl(), "host-token");
                assertThat(client.get("/v2/keys").json().get("next").asString()).isEqualTo("sig_next");
                assertThat(
                        new BrokerClient(details.getUrl(), QStashBrokerProperties.DEV_TOKEN).get("/v2/keys").status())
                    .isEqualTo(401);
            });
    }

    @Test
    void dashboardIsServedAndItsUrlLoggedWithoutTheToken(CapturedOutput output) {
        this.runner.withPropertyValues("qstash.embedded.enabled=true").run((context) -> {
            EmbeddedQStashBroker broker = context.getBean(EmbeddedQStashBroker.class);
            BrokerClient anonymous = new BrokerClient(broker.getUrl(), null);
            assertThat(anonymous.get("/dashboard/").body()).contains("QStash broker dashboard");
            assertThat(output)
                .contains("Embedded QStash broker started at " + broker.getUrl()
                        + ", listening on 127.0.0.1, dashboard at " + broker.getUrl() + "/dashboard/")
                .doesNotContain(broker.getToken());
        });
    }

    @Test
    void dashboardCanBeTurnedOffFromTheHostEnvironment(CapturedOutput output) {
        this.runner.withPropertyValues("qstash.embedded.enabled=true", "qstash.embedded.dashboard.enabled=false")
            .run((context) -> {
                EmbeddedQStashBroker broker = context.getBean(EmbeddedQStashBroker.class);
                BrokerClient.Response response = new BrokerClient(broker.getUrl(), null).get("/dashboard/");
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.body()).doesNotContain("QStash broker dashboard");
                assertThat(output).contains("Embedded QStash broker started at " + broker.getUrl())
                    .doesNotContain("dashboard at");
            });
    }

    @Test
    void aQStashBrokerClockBeanBecomesTheBrokersClock() {
        this.runner.withPropertyValues("qstash.embedded.enabled=true")
            .withUserConfiguration(TestClockConfiguration.class)
            .run((context) -> {
                EmbeddedQStashBroker broker = context.getBean(EmbeddedQStashBroker.class);
                MutableClock clock = (MutableClock) context.getBean(QStashBrokerClock.class).clock();
                BrokerClient client = new BrokerClient(broker.getUrl(), broker.getToken());
                String id = client.post("/v2/publish/http://127.0.0.1:9/x", Map.of("Upstash-Delay", "1h"), "x")
                    .json()
                    .get("messageId")
                    .asString();
                long createdAt = client.get("/v2/messages/" + id).json().get("createdAt").asLong();
                assertThat(createdAt).isEqualTo(clock.millis());
                broker.advanceClock(Duration.ofMinutes(1));
                assertThat(clock.millis()).isEqualTo(createdAt + 60_000);
            });
    }

    @Test
    void listenerBaseUrlIsTheConfiguredOneWhenSet() {
        this.runner
            .withPropertyValues("qstash.embedded.enabled=true", "qstash.listener.base-url=https://app.example.com")
            .run((context) -> {
                assertThat(context).getBean(QStashListenerBaseUrlResolver.class)
                    .isInstanceOf(LocalServerListenerBaseUrlResolver.class);
                assertThat(context.getBean(QStashListenerBaseUrlResolver.class).resolveBaseUrl())
                    .isEqualTo("https://app.example.com");
            });
    }

    @Test
    void listenerBaseUrlWithoutPropertyOrWebServerFailsNamingWhatToSet() {
        this.runner.withPropertyValues("qstash.embedded.enabled=true").run((context) -> {
            QStashListenerBaseUrlResolver resolver = context.getBean(QStashListenerBaseUrlResolver.class);
            assertThatIllegalStateException().isThrownBy(resolver::resolveBaseUrl)
                .withMessageContaining("webEnvironment = RANDOM_PORT")
                .withMessageContaining("set qstash.listener.base-url, or qstash.schedule.enabled=false");
        });
    }

    @Test
    void listenerBaseUrlResolverOfTheApplicationWins() {
        this.runner.withPropertyValues("qstash.embedded.enabled=true")
            .withBean(QStashListenerBaseUrlResolver.class, () -> () -> "https://custom.example.com")
            .run((context) -> assertThat(context.getBean(QStashListenerBaseUrlResolver.class).resolveBaseUrl())
                .isEqualTo("https://custom.example.com"));
    }

    @Test
    void noListenerBaseUrlResolverUnlessEnabled() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(LocalServerListenerBaseUrlResolver.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class TestClockConfiguration {

        @Bean
        QStashBrokerClock qstashBrokerClock() {
            return new QStashBrokerClock(new MutableClock());
        }

    }

}
