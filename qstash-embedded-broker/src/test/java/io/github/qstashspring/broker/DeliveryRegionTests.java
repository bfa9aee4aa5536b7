package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.TestBrokers;
import io.github.qstashspring.broker.support.TestReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code qstash.embedded.delivery.region}: every delivery names the region, as QStash
 * does.
 */
class DeliveryRegionTests {

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    @Test
    void deliveriesCarryTheConfiguredRegion() {
        EmbeddedQStashBroker broker = this.brokers
            .start((properties) -> properties.getDelivery().setRegion("US-EAST-1"));
        try (TestReceiver receiver = TestReceiver.verifyingFor(() -> broker)) {
            BrokerClient api = BrokerClient.of(broker);
            assertThat(api.post("/v2/publish/" + receiver.url("/regional"), Map.of(), "hi").status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/regional").size() == 1);
            TestReceiver.Received delivery = receiver.received("/regional").get(0);
            assertThat(delivery.signatureError()).isNull();
            assertThat(delivery.header("Upstash-Region")).isEqualTo("US-EAST-1");
        }
    }

}
