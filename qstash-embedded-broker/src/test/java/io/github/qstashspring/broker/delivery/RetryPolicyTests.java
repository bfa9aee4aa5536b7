package io.github.qstashspring.broker.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

    private static final long NOW = 1_700_000_000_000L;

    @Test
    void defaultBackoffIsQStashs() {
        assertThat(RetryPolicy.backoffMillis(1)).isEqualTo(12_182);
        assertThat(RetryPolicy.backoffMillis(2)).isEqualTo(148_413);
        assertThat(RetryPolicy.backoffMillis(3)).isEqualTo(1_808_042);
        assertThat(RetryPolicy.backoffMillis(5)).isEqualTo(86_400_000);
        assertThat(RetryPolicy.delayMillis(0, null, failure(Map.of()), NOW)).isEqualTo(12_182);
    }

    @Test
    void expressionReplacesTheBackoff() {
        assertThat(RetryPolicy.delayMillis(2, "1000 * (1 + retried)", failure(Map.of()), NOW)).isEqualTo(3000);
    }

    @Test
    void serverDirectedDelayWinsInEveryFormat() {
        assertThat(RetryPolicy.delayMillis(0, "1000", failure(Map.of("Retry-After", "30")), NOW)).isEqualTo(30_000);
        assertThat(RetryPolicy.delayMillis(0, null, failure(Map.of("X-Ratelimit-Reset", "6m5s")), NOW))
            .isEqualTo(365_000);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME
            .format(Instant.ofEpochMilli(NOW + 90_000).atZone(ZoneOffset.UTC));
        assertThat(RetryPolicy.delayMillis(0, null, failure(Map.of("Retry-After", date)), NOW)).isEqualTo(90_000);
        assertThat(RetryPolicy.delayMillis(0, null, failure(Map.of("Retry-After", "0")), NOW)).isZero();
    }

    @Test
    void serverDelayBeyondOneDayIsIgnored() {
        assertThat(RetryPolicy.delayMillis(0, null, failure(Map.of("Retry-After", "100000")), NOW)).isEqualTo(12_182);
    }

    @Test
    void nonRetryableNeeds489AndTheHeader() {
        assertThat(new AttemptResult(489, Map.of("Upstash-Nonretryable-Error", List.of("true")), new byte[0], "x")
            .nonRetryable()).isTrue();
        assertThat(new AttemptResult(489, Map.of(), new byte[0], "x").nonRetryable()).isFalse();
        assertThat(new AttemptResult(500, Map.of("Upstash-Nonretryable-Error", List.of("true")), new byte[0], "x")
            .nonRetryable()).isFalse();
    }

    private static AttemptResult failure(Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new AttemptResult(500, multi, new byte[0], "status 500");
    }

}
