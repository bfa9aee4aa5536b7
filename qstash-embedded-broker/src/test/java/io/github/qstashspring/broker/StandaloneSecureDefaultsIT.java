package io.github.qstashspring.broker;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.NetworkAddresses;
import io.github.qstashspring.broker.support.StandaloneBrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone jar's defaults, as a real process: loopback with the public development
 * credentials (printed, with the bound address), refused on the network with them, and on
 * the network with credentials of its own (never printed).
 */
class StandaloneSecureDefaultsIT {

    @Test
    void byDefaultItListensOnLoopbackAndPrintsTheAddressAndThePublicCredentials(@TempDir Path directory)
            throws Exception {
        String networkAddress = NetworkAddresses.nonLoopbackIpv4();
        Path log = directory.resolve("broker.log");
        int port = StandaloneBrokerProcess.freePort();
        try (StandaloneBrokerProcess broker = StandaloneBrokerProcess.start(port, log,
                "--qstash.embedded.database.url=jdbc:h2:file:" + directory.resolve("db"))) {
            assertThat(NetworkAddresses.accepts("127.0.0.1", port)).isTrue();
            assertThat(NetworkAddresses.accepts(networkAddress, port)).isFalse();
            assertThat(Files.readString(log)).contains("QStash broker is running at http://127.0.0.1:" + port)
                .contains("Listening on 127.0.0.1 (loopback: this machine only), port " + port)
                .contains("QSTASH_TOKEN=" + QStashBrokerProperties.DEV_TOKEN)
                .contains("QSTASH_CURRENT_SIGNING_KEY=" + QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY);
        }
    }

    @Test
    void onTheNetworkTheDevelopmentCredentialsStopTheStart(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("broker.log");
        int exit = StandaloneBrokerProcess.runUntilExit(StandaloneBrokerProcess.freePort(), log,
                "--qstash.embedded.address=0.0.0.0",
                "--qstash.embedded.database.url=jdbc:h2:file:" + directory.resolve("db"));
        assertThat(exit).isNotZero();
        assertThat(Files.readString(log))
            .contains("qstash.embedded.allow-development-credentials-on-network=true", "qstash.embedded.token")
            .doesNotContain("QStash broker is running");
    }

    @Test
    void onTheNetworkWithItsOwnCredentialsItStartsAndNeverPrintsThem(@TempDir Path directory) throws Exception {
        String networkAddress = NetworkAddresses.nonLoopbackIpv4();
        Path log = directory.resolve("broker.log");
        int port = StandaloneBrokerProcess.freePort();
        String token = "own-token-for-the-network";
        try (StandaloneBrokerProcess broker = StandaloneBrokerProcess.start(port, log,
                "--qstash.embedded.address=0.0.0.0", "--qstash.embedded.token=" + token,
                "--qstash.embedded.current-signing-key=sig_ownCurrentKeyForTheNetwork",
                "--qstash.embedded.next-signing-key=sig_ownNextKeyForTheNetwork",
                "--qstash.embedded.database.url=jdbc:h2:file:" + directory.resolve("db"))) {
            assertThat(new BrokerClient("http://" + networkAddress + ":" + port, token).get("/v2/logs").status())
                .isEqualTo(200);
            assertThat(Files.readString(log)).contains("Listening on 0.0.0.0 (every interface")
                .doesNotContain(token, "sig_ownCurrentKeyForTheNetwork", "sig_ownNextKeyForTheNetwork",
                        "QSTASH_TOKEN=");
        }
    }

}
