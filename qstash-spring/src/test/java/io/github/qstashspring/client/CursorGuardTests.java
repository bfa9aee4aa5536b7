package io.github.qstashspring.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorGuardTests {

    @Test
    void aWalkEndsAtTheLastPage() {
        CursorGuard guard = new CursorGuard("dlq.list");

        assertThat(guard.next("a")).isEqualTo("a");
        assertThat(guard.next("b")).isEqualTo("b");
        assertThat(guard.next(null)).isNull();
    }

    @Test
    void aServerThatNeverStopsAnsweringCursorsIsStoppedAfterTheLimit() {
        CursorGuard guard = new CursorGuard("logs.list");
        for (int page = 1; page < CursorGuard.MAX_PAGES; page++) {
            guard.next("c" + page);
        }

        assertThatExceptionOfType(QStashException.class).isThrownBy(() -> guard.next("last"))
            .withMessage("logs.list: still more pages after 10000 pages");
    }

}
