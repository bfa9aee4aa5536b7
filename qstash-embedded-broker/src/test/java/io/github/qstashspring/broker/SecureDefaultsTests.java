package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.NetworkAddresses;
import io.github.qstashspring.broker.support.TestBrokers;
import io.github.qstashspring.broker.support.TestDatabases;
import io.github.qstashspring.broker.support.TestReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Safe defaults: the broker listens on the loopback interface, generates its credentials
 * unless told otherwise, keeps QStash's public development credentials off the network
 * and refuses an empty token. Every test goes over real sockets.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecureDefaultsTests {

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    @Test
    void brokerListensOnTheLoopbackInterfaceByDefault() {
        String networkAddress = NetworkAddresses.nonLoopbackIpv4();
        QStashBrokerProperties defaults = new QStashBrokerProperties();
        defaults.setPort(0);
        defaults.getDatabase().setUrl(TestDatabases.h2());
        try (EmbeddedQStashBroker broker = EmbeddedQStashBroker.builder().properties(defaults).start()) {
            assertThat(broker.getUrl()).isEqualTo("http://127.0.0.1:" + broker.getPort());
            assertThat(NetworkAddresses.accepts("127.0.0.1", broker.getPort())).isTrue();
            assertThat(NetworkAddresses.accepts(networkAddress, broker.getPort())).isFalse();
        }
        finally {
            TestDatabases.dispose(defaults.getDatabase().getUrl());
        }
    }

    @Test
    void developmentCredentialsOnANetworkAddressAreAStartupFailureNamingTheProperties() {
        assertThatThrownBy(() -> this.brokers.start((properties) -> {
            properties.setAddress("0.0.0.0");
            properties.setDevelopmentCredentials(true);
        })).satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("qstash.embedded.address")
            .hasMessageContaining("qstash.embedded.token")
            .hasMessageContaining("qstash.embedded.allow-development-credentials-on-network=true"));
    }

    @Test
    void aDevelopmentKeyAloneIsRefusedOnANetworkAddressToo() {
        assertThatThrownBy(() -> this.brokers.start((properties) -> {
            properties.setAddress("0.0.0.0");
            properties.setToken("a-configured-token");
            properties.setCurrentSigningKey(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY);
        })).satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
            .hasMessageContaining("qstash.embedded.current-signing-key"));
    }

    @Test
    void generatedCredentialsMayGoOnTheNetwork() {
        String networkAddress = NetworkAddresses.nonLoopbackIpv4();
        EmbeddedQStashBroker broker = this.brokers.start((properties) -> properties.setAddress("0.0.0.0"));
        assertThat(
                new BrokerClient("http://" + networkAddress + ":" + broker.getPort(), broker.getToken()).get("/v2/logs")
                    .status())
            .isEqualTo(200);
    }

    @Test
    void theOptInStartsOnTheNetworkAndWarnsAtEveryStart(CapturedOutput output) {
        String networkAddress = NetworkAddresses.nonLoopbackIpv4();
        String database = TestDatabases.h2();
        for (int start = 1; start <= 2; start++) {
            EmbeddedQStashBroker broker = this.brokers.start(database, null, (properties) -> {
                properties.setAddress("0.0.0.0");
                properties.setDevelopmentCredentials(true);
                properties.setAllowDevelopmentCredentialsOnNetwork(true);
            });
            assertThat(new BrokerClient("http://" + networkAddress + ":" + broker.getPort(),
                    QStashBrokerProperties.DEV_TOKEN)
                .get("/v2/logs")
                .status()).isEqualTo(200);
            broker.close();
            assertThat(output.getOut()
                .lines()
                .filter((line) -> line.contains("WARN")
                        && line.contains("allowed by qstash.embedded.allow-development-credentials-on-network=true")))
                .hasSize(start);
        }
    }

    @Test
    void brokerGeneratesItsCredentialsOnceForItsDatabase() {
        String database = TestDatabases.h2();
        EmbeddedQStashBroker first = this.brokers.start(database, null, (properties) -> {
        });
        String token = first.getToken();
        String current = first.getCurrentSigningKey();
        String next = first.getNextSigningKey();
        assertThat(token).isNotEqualTo(QStashBrokerProperties.DEV_TOKEN);
        assertThat(current).isNotEqualTo(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY);
        assertThat(new BrokerClient(first.getUrl(), QStashBrokerProperties.DEV_TOKEN).get("/v2/logs").status())
            .isEqualTo(401);
        first.close();

        EmbeddedQStashBroker second = this.brokers.start(database, null, (properties) -> {
        });
        assertThat(second.getToken()).isEqualTo(token);
        assertThat(second.getCurrentSigningKey()).isEqualTo(current);
        assertThat(second.getNextSigningKey()).isEqualTo(next);
        try (TestReceiver receiver = TestReceiver.verifyingFor(() -> second)) {
            BrokerClient.of(second).post("/v2/publish/" + receiver.url("/generated"), Map.of(), "signed");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/generated").size() == 1);
        }
    }

    @Test
    void anEmptyTokenIsAStartupFailureNamingTheProperty() {
        assertThatThrownBy(() -> this.brokers.start((properties) -> properties.setToken("")))
            .satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
                .hasMessageContaining("qstash.embedded.token is empty"));
    }

    @Test
    void anEmptyTokenIsNeverAccepted() {
        EmbeddedQStashBroker broker = this.brokers.start((properties) -> properties.setReadOnlyToken(""));
        assertThat(new BrokerClient(broker.getUrl(), null).get("/v2/logs?qstash_token=").status()).isEqualTo(401);
        assertThat(new BrokerClient(broker.getUrl(), "").get("/v2/logs").status()).isEqualTo(401);
    }

}
