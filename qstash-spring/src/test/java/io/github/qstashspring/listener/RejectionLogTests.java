package io.github.qstashspring.listener;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionLogTests {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));

    private final RejectionLog log = new RejectionLog(recordingLog(), new Clock() {

        @Override
        public Instant instant() {
            return RejectionLogTests.this.now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }, Duration.ofSeconds(20));

    @Test
    void oneWarningPerIntervalCountsTheRejectionsInBetweenWhichGoToDebug() {
        for (int i = 0; i < 5; i++) {
            this.log.reject("listener orders", "SIGNATURE - no key matches");
        }
        this.now.set(this.now.get().plusSeconds(20));
        this.log.reject("listener orders", "BODY - hash differs");

        assertThat(this.lines.stream().filter((line) -> line.startsWith("WARN"))).containsExactly(
                "WARN Rejected request to listener orders: SIGNATURE - no key matches",
                "WARN Rejected request to listener orders: BODY - hash differs"
                        + " (and 4 more since the last warning; each at DEBUG)");
        assertThat(this.lines.stream().filter((line) -> line.startsWith("DEBUG"))).hasSize(4);
    }

    @Test
    void valuesAreSanitisedAndCapped() {
        assertThat(RejectionLog.sanitize("none\r\nERROR forged\u001b[31m\u2028"))
            .isEqualTo("none\\u000d\\u000aERROR forged\\u001b[31m\\u2028");
        assertThat(RejectionLog.sanitize("x".repeat(500))).hasSize(RejectionLog.MAX_VALUE_LENGTH + 3).endsWith("...");
    }

    private Log recordingLog() {
        return (Log) Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[] { Log.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "warn", "debug" -> {
                        this.lines.add(method.getName().toUpperCase(java.util.Locale.ROOT) + " " + args[0]);
                        yield null;
                    }
                    case "isDebugEnabled", "isWarnEnabled" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "recording log";
                    default -> (method.getReturnType() == boolean.class) ? false : null;
                });
    }

}
