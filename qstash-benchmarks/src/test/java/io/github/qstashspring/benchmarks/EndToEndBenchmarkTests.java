package io.github.qstashspring.benchmarks;

import io.github.qstashspring.benchmarks.receiver.ArrivalLog;
import io.github.qstashspring.benchmarks.receiver.ReceiverApplication;
import io.github.qstashspring.broker.QStashBrokerProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the end-to-end benchmark for a second on an in-memory broker and a real
 * receiver: every accepted message must have arrived through the verifying listener.
 */
class EndToEndBenchmarkTests {

    @Test
    void everyAcceptedMessageArrivesThroughTheVerifyingListener() throws Exception {
        BenchmarkSettings settings = BenchmarkSettings
            .parse(new String[] { "--quick", "--duration=1s", "--concurrency=4" });
        try (ReceiverApplication receiver = ReceiverApplication.start(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY,
                QStashBrokerProperties.DEV_NEXT_SIGNING_KEY); BenchDatabase database = BenchDatabase.h2Memory()) {
            EndToEndBenchmark.Result result = new EndToEndBenchmark(settings, receiver).run(database);
            EndToEndBenchmark.Throughput throughput = result.throughput();
            assertThat(throughput.accepted()).isPositive();
            assertThat(throughput.missing()).isZero();
            assertThat(throughput.publishErrors()).isZero();
            assertThat(result.idle().histogram().getTotalCount()).isPositive();
            assertThat(result.halfLoad().histogram().getTotalCount()).isPositive();
        }
    }

    @Test
    void bodiesCarryTheirId() {
        byte[] body = ArrivalLog.body(123_456, 1024);
        assertThat(body).hasSize(1024);
        assertThat(ArrivalLog.idOf(body)).isEqualTo(123_456);
    }

    @Test
    void arrivalLogCountsDuplicatesAndMissingIds() {
        ArrivalLog log = new ArrivalLog();
        log.arrived(ArrivalLog.body(1, 64));
        log.arrived(ArrivalLog.body(1, 64));
        log.arrived(ArrivalLog.body(2, 64));
        assertThat(log.distinct()).isEqualTo(2);
        assertThat(log.duplicates()).isEqualTo(1);
        assertThat(log.missing(java.util.Set.of(1L, 2L, 3L))).isEqualTo(1);
        assertThat(log.arrival(2)).isDone();
        assertThat(log.arrival(3)).isNotDone();
    }

}
