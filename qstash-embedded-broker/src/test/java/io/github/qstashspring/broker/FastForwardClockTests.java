package io.github.qstashspring.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock that runs in real time and that tests move forward. */
class FastForwardClockTests {

    private static final Instant MARK = Instant.parse("2030-01-10T10:00:00Z");

    @Test
    void runsOnFromTheTimeItWasSetTo() {
        FastForwardClock clock = new FastForwardClock();
        clock.set(MARK);
        Instant first = clock.instant();
        Instant second = clock.instant();
        assertThat(first).isAfterOrEqualTo(MARK);
        assertThat(second).isAfterOrEqualTo(first);
        assertThat(clock.millis()).isGreaterThanOrEqualTo(MARK.toEpochMilli());
    }

    @Test
    void convertsItsTimesToNanoTime() {
        FastForwardClock clock = new FastForwardClock();
        clock.set(MARK);
        long markNanos = clock.nanoTimeAt(MARK);
        assertThat(markNanos - System.nanoTime()).isNotPositive();
        assertThat(clock.nanoTimeAt(MARK.plusSeconds(60)) - markNanos).isEqualTo(Duration.ofSeconds(60).toNanos());
        clock.advance(Duration.ofHours(1));
        assertThat(markNanos - clock.nanoTimeAt(MARK)).isEqualTo(Duration.ofHours(1).toNanos());
        assertThat(clock.instant()).isAfterOrEqualTo(MARK.plus(Duration.ofHours(1)));
    }

    @Test
    void aZoneViewMovesWithTheClock() {
        FastForwardClock clock = new FastForwardClock();
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        clock.set(MARK);
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isAfterOrEqualTo(MARK);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

}
