package io.github.qstashspring.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.github.qstashspring.broker.support.TestDatabases;
import io.github.qstashspring.broker.support.TestReceiver.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ScheduleTimingTests} on PostgreSQL, in a fresh schema, when
 * {@code QSTASH_TEST_POSTGRES_URL} is set; and two brokers on that schema whose tickers
 * both aim at the same marks: each tick is claimed and fired by exactly one of them, on
 * time.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
class PostgresScheduleTimingTests extends ScheduleTimingTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.postgres();
    }

    @Test
    void twoBrokersAimingAtTheSameMarksFireEachTickOnce() {
        try (EmbeddedQStashBroker second = startBroker(this.database)) {
            Instant mark = moveClockBefore(nextMark());
            String id = createSchedule("/shared", Map.of("Upstash-Cron", "* * * * *"));
            // The schedule was created through the first broker; wake the second one too.
            second.runDueWork();
            assertFiredAt(id, mark, "/shared", 1);
            for (int tick = 2; tick <= 5; tick++) {
                Instant next = mark.plus(Duration.ofMinutes(tick - 1));
                advanceClockBefore(next, this.broker, second);
                assertFiredAt(id, next, "/shared", tick);
            }
            await().until(() -> this.broker.isIdle() && second.isIdle());
            Set<String> messageIds = new HashSet<>();
            for (Received tick : this.receiver.received("/shared")) {
                messageIds.add(tick.header("Upstash-Message-Id"));
            }
            assertThat(messageIds).hasSize(5);
            assertThat(createdLogs(id)).hasSize(5);
        }
    }

}
