package io.github.qstashspring.broker.store;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a group-commit leader waits for more work, on a clock the test sets. */
class LingerTests {

    private static final long MICROS = 1_000;

    private final Linger linger = new Linger(Duration.ofMillis(1), Duration.ofMillis(2));

    @Test
    void aLeaderOnAnIdleBrokerCommitsAtOnce() {
        assertThat(this.linger.nextWait(0)).isLessThanOrEqualTo(0);
        this.linger.arrived(0);
        assertThat(this.linger.nextWait(0)).isLessThanOrEqualTo(0);
        this.linger.arrived(50_000 * MICROS);
        assertThat(this.linger.nextWait(0)).isLessThanOrEqualTo(0);
    }

    @Test
    void underFrequentArrivalsALeaderWaitsAboutTwoAverageGaps() {
        arriveEvery(200 * MICROS, 40);
        assertThat(this.linger.averageGapNanos()).isBetween(190 * MICROS, 260 * MICROS);
        assertThat(this.linger.nextWait(0)).isEqualTo(2 * this.linger.averageGapNanos());
    }

    @Test
    void theWholeWaitIsBoundedByTheLongestLinger() {
        arriveEvery(900 * MICROS, 60);
        assertThat(this.linger.nextWait(0)).isGreaterThan(1_700 * MICROS);
        assertThat(this.linger.nextWait(1_500 * MICROS)).isEqualTo(500 * MICROS);
        assertThat(this.linger.nextWait(2_000 * MICROS)).isLessThanOrEqualTo(0);
    }

    @Test
    void whenArrivalsSlowDownTheLeaderStopsWaiting() {
        long last = arriveEvery(200 * MICROS, 40);
        assertThat(this.linger.nextWait(0)).isPositive();
        this.linger.arrived(last + 20_000 * MICROS);
        assertThat(this.linger.nextWait(0)).isLessThanOrEqualTo(0);
    }

    @Test
    void afterAnIdleHourFrequentArrivalsEngageItAgainSoon() {
        long last = arriveEvery(200 * MICROS, 40);
        this.linger.arrived(last + Duration.ofHours(1).toNanos());
        long time = last + Duration.ofHours(1).toNanos();
        for (int i = 0; i < 60; i++) {
            time += 200 * MICROS;
            this.linger.arrived(time);
        }
        assertThat(this.linger.nextWait(0)).isPositive();
    }

    @Test
    void aZeroGapNeverWaits() {
        Linger never = new Linger(Duration.ZERO, Duration.ofMillis(2));
        for (int i = 0; i < 100; i++) {
            never.arrived(i);
        }
        assertThat(never.nextWait(0)).isLessThanOrEqualTo(0);
    }

    private long arriveEvery(long gapNanos, int count) {
        long time = 0;
        for (int i = 0; i < count; i++) {
            time += gapNanos;
            this.linger.arrived(time);
        }
        return time;
    }

}
