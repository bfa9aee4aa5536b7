package io.github.qstashspring.broker.schedule;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How long the ticker sleeps between rounds, and its wake-up. */
class ScheduleTickerTests {

    @Test
    void sleepsUntilTheEarliestTickAtMostOnePollInterval() {
        assertThat(ScheduleTicker.sleepMillis(10_250, 10_000, 1_000)).isEqualTo(250);
        assertThat(ScheduleTicker.sleepMillis(70_000, 10_000, 1_000)).isEqualTo(1_000);
        assertThat(ScheduleTicker.sleepMillis(Long.MAX_VALUE, 10_000, 1_000)).isEqualTo(1_000);
    }

    @Test
    void doesNotSleepWhenATickIsDue() {
        assertThat(ScheduleTicker.sleepMillis(10_000, 10_000, 1_000)).isZero();
        assertThat(ScheduleTicker.sleepMillis(9_000, 10_000, 1_000)).isZero();
    }

    @Test
    void aWakeUpGivenWhileTheTickerIsBusyEndsItsNextWaitAndIsConsumed() throws InterruptedException {
        TickerWakeUp wakeUp = new TickerWakeUp();
        wakeUp.wake();
        wakeUp.wake();
        assertThat(wakeUp.await(60_000)).isTrue();
        assertThat(wakeUp.await(1)).isFalse();
    }

    @Test
    void aWakeUpEndsAWaitInProgress() throws Exception {
        TickerWakeUp wakeUp = new TickerWakeUp();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return wakeUp.await(600_000);
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        // Wake only once the waiter waits: a wake-up given before would be kept and end
        // the wait at once, which is another test.
        await().atMost(Duration.ofSeconds(30)).until(wakeUp::isWaiting);
        wakeUp.wake();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
    }

}
