package io.github.qstashspring.broker.message;

import io.github.qstashspring.broker.api.BrokerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DurationsTests {

    @Test
    void parsesUnitsCompoundsFractionsAndBareSeconds() {
        assertThat(Durations.toMillis("10s", "Upstash-Delay")).isEqualTo(10_000);
        assertThat(Durations.toMillis("1.5s", "Upstash-Delay")).isEqualTo(1_500);
        assertThat(Durations.toMillis("3m", "Upstash-Delay")).isEqualTo(180_000);
        assertThat(Durations.toMillis("1d10h30m", "Upstash-Delay")).isEqualTo(86_400_000 + 37_800_000);
        assertThat(Durations.toMillis("250ms", "Upstash-Delay")).isEqualTo(250);
        assertThat(Durations.toMillis("42", "Upstash-Delay")).isEqualTo(42_000);
    }

    @Test
    void rejectsOtherText() {
        assertThatExceptionOfType(BrokerException.class).isThrownBy(() -> Durations.toMillis("10x", "Upstash-Delay"))
            .withMessageContaining("Upstash-Delay");
        assertThatExceptionOfType(BrokerException.class).isThrownBy(() -> Durations.toMillis("s", "Upstash-Delay"));
        assertThatExceptionOfType(BrokerException.class).isThrownBy(() -> Durations.toMillis("1s 2s", "Upstash-Delay"));
    }

}
