package io.github.qstashspring.benchmarks;

import io.github.qstashspring.benchmarks.receiver.ReceiverApplication;
import io.github.qstashspring.broker.QStashBrokerProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the broker's cron lateness measurement for a few ticks on an in-memory broker
 * and the real receiver: every tick is measured once, none is missing, early or delivered
 * twice.
 */
class BrokerCronLatenessTests {

    @Test
    void everyTickIsDeliveredOnceAfterItsDueTime() throws Exception {
        try (ReceiverApplication receiver = ReceiverApplication.start(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY,
                QStashBrokerProperties.DEV_NEXT_SIGNING_KEY); BenchDatabase database = BenchDatabase.h2Memory()) {
            BrokerCronLateness.Result result = new BrokerCronLateness(receiver).run(database, 2);
            assertThat(result.missing()).isZero();
            assertThat(result.early()).isZero();
            assertThat(result.duplicates()).isZero();
            assertThat(result.delivered().histogram().getTotalCount()).isEqualTo(2);
            assertThat(result.fired().histogram().getTotalCount()).isEqualTo(2);
            assertThat(result.created().histogram().getTotalCount()).isEqualTo(2);
            assertThat(result.claimed().histogram().getTotalCount()).isEqualTo(2);
            assertThat(receiver.ticks().waiting()).isZero();
        }
    }

}
