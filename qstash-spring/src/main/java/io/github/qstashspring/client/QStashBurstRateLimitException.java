package io.github.qstashspring.client;

import org.jspecify.annotations.Nullable;

/**
 * QStash answered 429 with the {@code Burst-RateLimit-Limit},
 * {@code Burst-RateLimit-Remaining} and {@code Burst-RateLimit-Reset} headers: the
 * per-second burst limit of the management API was hit (the JavaScript SDK's
 * {@code QstashRatelimitError}). Waiting until the reset time and trying again is safe.
 */
public class QStashBurstRateLimitException extends QStashRateLimitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param error QStash's error text
     * @param limit {@code Burst-RateLimit-Limit}
     * @param remaining {@code Burst-RateLimit-Remaining}
     * @param reset {@code Burst-RateLimit-Reset} (Unix time)
     */
    public QStashBurstRateLimitException(String error, @Nullable Long limit, @Nullable Long remaining,
            @Nullable Long reset) {
        super(error, limit, remaining, reset);
    }

}
