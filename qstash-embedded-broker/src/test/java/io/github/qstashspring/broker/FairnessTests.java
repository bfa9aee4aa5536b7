package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.TestReceiver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A destination host gets at most {@code delivery.max-per-host} (8 by default) of the
 * broker's 32 concurrent deliveries: while a slow host holds its 8, another host's
 * messages are delivered. Hosts are the URLs' host names: the slow receiver is called as
 * {@code 127.0.0.1}, the fast one as {@code localhost}.
 */
abstract class FairnessTests extends BrokerTestSupport {

    @Test
    void aSlowHostDoesNotHoldTheDeliverySlotsOfAnother() {
        CountDownLatch slowAnswers = new CountDownLatch(1);
        this.receiver.hold("/slow", slowAnswers);
        try (TestReceiver fast = TestReceiver.verifyingFor(() -> this.broker)) {
            // More messages to the slow host than the broker has delivery threads.
            for (int i = 0; i < 40; i++) {
                publish("/slow", Map.of(), "slow " + i);
            }
            awaitReceived("/slow", 8);
            for (int i = 0; i < 20; i++) {
                BrokerClient.Response response = this.api.post("/v2/publish/" + fast.url("localhost", "/fast"),
                        Map.of(), "fast " + i);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
            }
            // The slow receiver holds its requests for 30 s: without the limit, every
            // delivery thread waits for it, and the fast messages with them.
            await().atMost(Duration.ofSeconds(20)).until(() -> fast.received("/fast").size() >= 20);
            assertThat(this.receiver.received("/slow")).as("requests the slow host got while it answered none")
                .hasSize(8);
            slowAnswers.countDown();
            awaitReceived("/slow", 40);
        }
    }

}
