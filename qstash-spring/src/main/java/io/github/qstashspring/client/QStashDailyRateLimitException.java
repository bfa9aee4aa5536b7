package io.github.qstashspring.client;

import org.jspecify.annotations.Nullable;

/**
 * QStash answered 429 with the {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} headers: the plan's daily message quota is used up (the
 * JavaScript SDK's {@code QstashDailyRatelimitError}). Publishing fails until the reset
 * time.
 */
public class QStashDailyRateLimitException extends QStashRateLimitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param error QStash's error text
     * @param limit {@code RateLimit-Limit}
     * @param remaining {@code RateLimit-Remaining}
     * @param reset {@code RateLimit-Reset} (Unix time)
     */
    public QStashDailyRateLimitException(String error, @Nullable Long limit, @Nullable Long remaining,
            @Nullable Long reset) {
        super(error, limit, remaining, reset);
    }

}
