package io.github.qstashspring.listener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryQStashDuplicateStoreTests {

    private final MutableClock clock = new MutableClock();

    @Test
    void onlyOneOfTwoDeliveriesOfAMessageClaimsItAndAFailedOneReleasesIt() {
        InMemoryQStashDuplicateStore store = new InMemoryQStashDuplicateStore(Duration.ofMinutes(10), 100, this.clock);

        assertThat(store.tryClaim("orders", "msg_1")).isTrue();
        assertThat(store.tryClaim("orders", "msg_1")).isFalse();
        assertThat(store.tryClaim("payments", "msg_1")).isTrue();
        assertThat(store.isProcessed("orders", "msg_1")).isFalse();

        store.release("orders", "msg_1");
        assertThat(store.tryClaim("orders", "msg_1")).isTrue();

        store.markProcessed("orders", "msg_1");
        assertThat(store.isProcessed("orders", "msg_1")).isTrue();
        assertThat(store.tryClaim("orders", "msg_1")).isFalse();
    }

    @Test
    void remembersPerListenerUntilTheTimeToLiveHasPassed() {
        InMemoryQStashDuplicateStore store = new InMemoryQStashDuplicateStore(Duration.ofMinutes(10), 100, this.clock);
        store.markProcessed("orders", "msg_1");

        assertThat(store.isProcessed("orders", "msg_1")).isTrue();
        assertThat(store.isProcessed("invoices", "msg_1")).isFalse();
        this.clock.advance(Duration.ofMinutes(9));
        assertThat(store.isProcessed("orders", "msg_1")).isTrue();
        this.clock.advance(Duration.ofMinutes(1));
        assertThat(store.isProcessed("orders", "msg_1")).isFalse();
    }

    @Test
    void forgetsTheOldestBeyondTheMaximum() {
        InMemoryQStashDuplicateStore store = new InMemoryQStashDuplicateStore(Duration.ofHours(1), 2, this.clock);
        store.markProcessed("l", "msg_1");
        store.markProcessed("l", "msg_2");
        store.markProcessed("l", "msg_3");

        assertThat(store.isProcessed("l", "msg_1")).isFalse();
        assertThat(store.isProcessed("l", "msg_2")).isTrue();
        assertThat(store.isProcessed("l", "msg_3")).isTrue();
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration duration) {
            this.now = this.now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return this.now;
        }

    }

}
