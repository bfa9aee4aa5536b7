package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.Map;

import io.github.qstashspring.broker.EmbeddedQStashBroker.Status;
import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EmbeddedQStashBroker#status()}, what the health indicator, the actuator section
 * and the gauges show: counts by state read from the database, the age of the oldest due
 * message, the dispatcher. Each test reads it once, so the read is never a cached one.
 */
abstract class BrokerStatusTests extends BrokerTestSupport {

    @Override
    protected void configure(QStashBrokerProperties properties) {
        // Due messages are claimed only when the test runs the due work.
        properties.getDelivery().setPollInterval(Duration.ofHours(1));
    }

    @Test
    void countsMessagesByStateAndTheDeadLetterQueue() {
        this.receiver.reply("/fails", 500, Map.of());
        String dead = publish("/fails", Map.of("Upstash-Retries", "0"), "dead");
        awaitState(dead, "FAILED");
        publish("/later", Map.of("Upstash-Delay", "1h"), "later");
        publish("/later", Map.of("Upstash-Delay", "2h"), "later");
        assertThat(this.api
            .post("/v2/queues", Map.of("Content-Type", "application/json"),
                    "{\"queueName\":\"held\",\"parallelism\":1,\"paused\":true}")
            .status()).isEqualTo(200);
        BrokerClient.Response queued = this.api.post("/v2/enqueue/held/" + this.receiver.url("/held"), Map.of(), "q");
        assertThat(queued.status()).as(queued.body()).isEqualTo(200);

        Status status = this.broker.status();
        assertThat(status.isUp()).isTrue();
        assertThat(status.databaseReachable()).isTrue();
        assertThat(status.databaseError()).isNull();
        assertThat(status.dispatching()).isTrue();
        assertThat(status.deadLetters()).isEqualTo(1);
        assertThat(status.pending()).isEqualTo(2);
        assertThat(status.queued()).isEqualTo(1);
        assertThat(status.active()).isZero();
        assertThat(status.inFlight()).isZero();
        assertThat(status.oldestDueAge()).isNull();
        assertThat(status.readAt()).isEqualTo(this.clock.instant());
    }

    @Test
    void oldestDueAgeIsHowLongTheLongestWaitingDueMessageHasBeenDue() {
        publish("/due", Map.of("Upstash-Delay", "60s"), "first");
        publish("/due", Map.of("Upstash-Delay", "80s"), "second");
        // Time passes without the due work running: both are due and unclaimed.
        this.clock.advance(Duration.ofSeconds(90));

        Status status = this.broker.status();
        assertThat(status.pending()).isEqualTo(2);
        assertThat(status.oldestDueAge()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void dispatcherStoppedIsDown() {
        this.broker.getApplicationContext().stop();

        Status status = this.broker.status();
        assertThat(status.dispatching()).isFalse();
        assertThat(status.databaseReachable()).isTrue();
        assertThat(status.isUp()).isFalse();
    }

}
