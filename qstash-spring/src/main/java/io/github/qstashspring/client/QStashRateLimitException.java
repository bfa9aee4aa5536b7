package io.github.qstashspring.client;

import org.jspecify.annotations.Nullable;

/**
 * QStash answered 429 Too Many Requests. Thrown as such when the response carries neither
 * rate-limit header family; otherwise one of the subtypes says which limit was hit:
 * {@link QStashBurstRateLimitException} (per-second limit of the management API) or
 * {@link QStashDailyRateLimitException} (daily message quota).
 */
public class QStashRateLimitException extends QStashApiException {

    private static final long serialVersionUID = 1L;

    /** The limit header value. */
    private final @Nullable Long limit;

    /** The remaining header value. */
    private final @Nullable Long remaining;

    /** The reset header value. */
    private final @Nullable Long reset;

    /**
     * Creates an exception.
     * @param error QStash's error text
     * @param limit the limit header value, if sent
     * @param remaining the remaining header value, if sent
     * @param reset the reset header value (Unix time), if sent
     */
    public QStashRateLimitException(String error, @Nullable Long limit, @Nullable Long remaining,
            @Nullable Long reset) {
        super(429, error);
        this.limit = limit;
        this.remaining = remaining;
        this.reset = reset;
    }

    /**
     * How many requests (or messages) the limit allows.
     * @return the value of the {@code ...RateLimit-Limit} header, or {@code null}
     */
    public @Nullable Long getLimit() {
        return this.limit;
    }

    /**
     * How many remain in the current window.
     * @return the value of the {@code ...RateLimit-Remaining} header, or {@code null}
     */
    public @Nullable Long getRemaining() {
        return this.remaining;
    }

    /**
     * When the window resets, as QStash sent it (Unix time).
     * @return the value of the {@code ...RateLimit-Reset} header, or {@code null}
     */
    public @Nullable Long getReset() {
        return this.reset;
    }

}
