package io.github.qstashspring.workflow;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Finding the workflows an invoke names, and the protocol's duration notations. */
class WorkflowUrlsTests {

    private final WorkflowUrls urls = new WorkflowUrls("https://app.example/ctx/workflows/orders?x=1",
            "/workflows/orders");

    @Test
    void anAbsoluteUrlIsTakenAsItIs() {
        assertThat(this.urls.resolve("https://other.example/w")).isEqualTo("https://other.example/w");
    }

    @Test
    void aPathIsResolvedAgainstTheBaseBeforeTheWorkflowsOwnPath() {
        assertThat(this.urls.resolve("/workflows/payment")).isEqualTo("https://app.example/ctx/workflows/payment");
    }

    @Test
    void aPathIsResolvedAgainstTheOriginWhenTheUrlDoesNotEndWithThePath() {
        WorkflowUrls proxied = new WorkflowUrls("https://app.example/public/orders", "/workflows/orders");

        assertThat(proxied.resolve("/workflows/payment")).isEqualTo("https://app.example/workflows/payment");
    }

    @Test
    void anIdReplacesTheLastSegmentAsTheOfficialSdkDoes() {
        assertThat(new WorkflowUrls("https://app.example/api/orders", "/api/orders").resolve("payment"))
            .isEqualTo("https://app.example/api/payment");
        assertThatIllegalArgumentException().isThrownBy(() -> this.urls.resolve("a/b"));
    }

    @Test
    void durationsAreWrittenInTheirLargestWholeUnit() {
        assertThat(Durations.text(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Durations.text(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.text(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.text(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.seconds(Duration.ofMillis(1500))).hasToString("1.5");
        assertThat(Durations.delayHeader(Duration.ofMillis(1500))).isEqualTo("2s");
    }

}
