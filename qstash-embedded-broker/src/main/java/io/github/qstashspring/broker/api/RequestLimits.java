package io.github.qstashspring.broker.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * QStash's two rate limits, off unless configured, so that an application can see its
 * {@code 429} handling work before a real plan's limits hit it: a daily message quota on
 * publish, enqueue and batch (answered with the {@code RateLimit-*} headers) and a
 * per-second burst limit on every other API request ({@code Burst-RateLimit-*}). Windows
 * follow the broker's clock (days in UTC) and are counted in memory, per broker process.
 */
final class RequestLimits {

    private final @Nullable Integer dailyMessages;

    private final @Nullable Integer burstPerSecond;

    private final Clock clock;

    private long day = Long.MIN_VALUE;

    private long messagesToday;

    private long second = Long.MIN_VALUE;

    private int requestsThisSecond;

    /**
     * Creates the limits.
     * @param dailyMessages messages accepted per UTC day, or {@code null} for no limit
     * @param burstPerSecond management requests accepted per second, or {@code null} for
     * no limit
     * @param clock the broker's clock
     */
    RequestLimits(@Nullable Integer dailyMessages, @Nullable Integer burstPerSecond, Clock clock) {
        requireNotNegative(dailyMessages, "daily-messages");
        requireNotNegative(burstPerSecond, "burst-requests-per-second");
        this.dailyMessages = dailyMessages;
        this.burstPerSecond = burstPerSecond;
        this.clock = clock;
    }

    /**
     * Counts messages about to be accepted against the daily quota.
     * @param count how many messages the request publishes
     * @throws BrokerException 429 with {@code RateLimit-Limit}, {@code -Remaining} and
     * {@code -Reset} (Unix seconds of the next UTC midnight) when they do not fit
     */
    void admitMessages(int count) {
        if (this.dailyMessages == null) {
            return;
        }
        synchronized (this) {
            long today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).toEpochDay();
            if (today != this.day) {
                this.day = today;
                this.messagesToday = 0;
            }
            if (this.messagesToday + count > this.dailyMessages) {
                long reset = LocalDate.ofEpochDay(today + 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
                throw new BrokerException(429,
                        "daily message limit of " + this.dailyMessages + " reached "
                                + "(qstash.embedded.limits.daily-messages)",
                        Map.of("RateLimit-Limit", String.valueOf(this.dailyMessages), "RateLimit-Remaining",
                                String.valueOf(Math.max(0, this.dailyMessages - this.messagesToday)), "RateLimit-Reset",
                                String.valueOf(reset)));
            }
            this.messagesToday += count;
        }
    }

    /**
     * Counts one management request against the burst limit.
     * @throws BrokerException 429 with {@code Burst-RateLimit-Limit}, {@code -Remaining}
     * and {@code -Reset} (Unix seconds of the next second) when the second's requests are
     * used up
     */
    void admitRequest() {
        if (this.burstPerSecond == null) {
            return;
        }
        synchronized (this) {
            long now = Math.floorDiv(this.clock.millis(), 1000);
            if (now != this.second) {
                this.second = now;
                this.requestsThisSecond = 0;
            }
            if (this.requestsThisSecond >= this.burstPerSecond) {
                throw new BrokerException(429,
                        "burst limit of " + this.burstPerSecond + " requests per second "
                                + "reached (qstash.embedded.limits.burst-requests-per-second)",
                        Map.of("Burst-RateLimit-Limit", String.valueOf(this.burstPerSecond),
                                "Burst-RateLimit-Remaining", "0", "Burst-RateLimit-Reset", String.valueOf(now + 1)));
            }
            this.requestsThisSecond++;
        }
    }

    private static void requireNotNegative(@Nullable Integer limit, String property) {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException(
                    "qstash.embedded.limits." + property + " must be 0 or more, was " + limit);
        }
    }

}
