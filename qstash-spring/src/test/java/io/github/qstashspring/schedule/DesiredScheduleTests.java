package io.github.qstashspring.schedule;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.github.qstashspring.client.Schedule;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredScheduleTests {

    private static final String URL = "https://app.example.com/qstash/nightly";

    private final DesiredSchedule desired = new DesiredSchedule("app.nightly", URL,
            new ScheduledListener("com.example.Jobs.nightly", "/qstash/nightly", "Jobs.nightly", "nightly", "0 2 * * *",
                    "{\"kind\":\"nightly\"}", "application/json", 1, "jobs"));

    @Test
    void scheduleAsCreatedIsUpToDate() {
        assertThat(this.desired
            .differences(actual("0 2 * * *", URL, "{\"kind\":\"nightly\"}", "application/json", 1, "jobs", "POST")))
            .isEmpty();
    }

    @Test
    void cronWithOtherSpacingIsTheSameCron() {
        assertThat(this.desired
            .differences(actual(" 0  2 * * * ", URL, "{\"kind\":\"nightly\"}", "application/json", 1, "jobs", "POST")))
            .isEmpty();
    }

    @Test
    void eachControlledAttributeIsCompared() {
        assertThat(this.desired.differences(
                actual("0 3 * * *", "https://old.example.com/qstash/nightly", "{}", "text/plain", 3, null, "PUT")))
            .containsExactly("destination", "cron", "body", "contentType", "retries", "queue", "method");
    }

    @Test
    void withoutRetriesQStashsDefaultIsUpToDateAndAnyOtherValueIsNot() {
        DesiredSchedule withoutRetries = new DesiredSchedule("app.r", URL, new ScheduledListener("o", "/qstash/nightly",
                "Jobs.nightly", null, "0 2 * * *", null, "application/json", null, null));
        assertThat(withoutRetries.differences(actual("0 2 * * *", URL, null, "application/json", 3, null, null)))
            .isEmpty();
        assertThat(withoutRetries.differences(actual("0 2 * * *", URL, null, "application/json", 5, null, null)))
            .containsExactly("retries");
    }

    @Test
    void aBodyAddedOrRemovedInQStashIsAChange() {
        DesiredSchedule withoutBody = new DesiredSchedule("app.r", URL, new ScheduledListener("o", "/qstash/nightly",
                "Jobs.nightly", null, "0 2 * * *", null, "application/json", null, null));
        assertThat(withoutBody.differences(actual("0 2 * * *", URL, "x", "application/json", 3, null, "POST")))
            .containsExactly("body");
        assertThat(this.desired.differences(actual("0 2 * * *", URL, null, "application/json", 1, "jobs", "POST")))
            .containsExactly("body");
    }

    private static Schedule actual(String cron, String destination, @Nullable String body, String contentType,
            @Nullable Integer retries, @Nullable String queue, @Nullable String method) {
        return new Schedule("app.nightly", cron, destination, null, method,
                Map.of("Content-Type", List.of(contentType)), body, null, retries, null, null, null, null, null, null,
                false, queue, null, null, null, null, null, null, null, null);
    }

}
