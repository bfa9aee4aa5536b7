package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.TestDatabases;
import io.github.qstashspring.broker.support.TestReceiver.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BrokerEndToEndTests} on PostgreSQL, in a fresh schema per test, when
 * {@code QSTASH_TEST_POSTGRES_URL} is set; plus brokers sharing one database.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
class PostgresBrokerEndToEndTests extends BrokerEndToEndTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.postgres();
    }

    @Test
    void brokersSharingTheDatabaseDeliverEachOthersMessagesAndFollowKeyRotations() {
        try (EmbeddedQStashBroker second = startBroker(this.database)) {
            BrokerClient secondApi = new BrokerClient(second.getUrl(), second.getToken());
            for (int i = 0; i < 20; i++) {
                BrokerClient response = (i % 2 == 0) ? this.api : secondApi;
                assertThat(response.post("/v2/publish/" + this.receiver.url("/shared"), Map.of(), "m" + i).status())
                    .isEqualTo(200);
            }
            assertThat(awaitReceived("/shared", 20).stream().map(Received::text).distinct()).hasSize(20);

            String rotatedCurrent = this.api.post("/v2/keys/rotate", Map.of(), "").json().get("current").asString();
            second.runDueWork();
            await().atMost(Duration.ofSeconds(30)).until(() -> second.getCurrentSigningKey().equals(rotatedCurrent));
            assertThat(secondApi.get("/v2/keys").json().get("current").asString()).isEqualTo(rotatedCurrent);
        }
    }

}
