package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop drains the deliveries in flight: the API stops, the dispatcher stops claiming,
 * attempts that finish within {@code delivery.shutdown-timeout} are recorded (so the
 * restarted broker does not deliver them again), and those still running then are aborted
 * and released, so the restarted broker delivers them.
 */
class GracefulShutdownTests extends BrokerTestSupport {

    @Override
    protected void configure(QStashBrokerProperties properties) {
        properties.getDelivery().setShutdownTimeout(Duration.ofSeconds(5));
    }

    @Test
    void aStopRecordsTheAttemptsThatFinishInTimeAndReleasesTheOthers() throws Exception {
        CountDownLatch finishing = new CountDownLatch(1);
        CountDownLatch hanging = new CountDownLatch(1);
        this.receiver.hold("/finishing", finishing);
        this.receiver.hold("/hanging", hanging);
        String finished = publish("/finishing", Map.of(), "finishes while the broker stops");
        String abandoned = publish("/hanging", Map.of(), "still running when the drain time is over");
        awaitReceived("/finishing", 1);
        awaitReceived("/hanging", 1);

        EmbeddedQStashBroker stopping = this.broker;
        BrokerClient stoppingApi = this.api;
        CompletableFuture<Void> stop = CompletableFuture.runAsync(stopping::close);
        // The API stops first, then the dispatcher: the attempt below ends during the
        // dispatcher's stop.
        await().atMost(Duration.ofSeconds(30)).until(() -> isDown(stoppingApi));
        finishing.countDown();
        stop.get(60, TimeUnit.SECONDS);
        hanging.countDown();

        this.broker = startBroker(this.database);
        this.api = BrokerClient.of(this.broker);
        // The released message is delivered by the restarted broker. Its first attempt
        // there may meet a connection the JDK's HttpServer drops while the aborted
        // request's handler ends (NoHttpResponseException): then it is a retry, due on
        // the broker's test clock once it is moved on.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            if (this.receiver.received("/hanging").size() >= 2) {
                return true;
            }
            advance(Duration.ofSeconds(30));
            return false;
        });
        awaitState(abandoned, "DELIVERED");
        // Delivered before the restart, and recorded: the restarted broker has nothing to
        // deliver again, while it did deliver the released message.
        assertThat(this.api.get("/v2/messages/" + finished).status()).isEqualTo(404);
        assertThat(states(finished)).endsWith("DELIVERED");
        assertThat(this.receiver.received("/finishing")).hasSize(1);
    }

    private static boolean isDown(BrokerClient api) {
        try {
            api.get("/v2/keys");
            return false;
        }
        catch (IllegalStateException ex) {
            return true;
        }
    }

}
