package io.github.qstashspring.client;

import java.time.Duration;

/**
 * Retries of API calls that failed on the network (connection refused or reset, read
 * timeout). A call that got any HTTP answer, even an error status, is never retried.
 * Before the n-th retry (n = 0, 1, ...) the client waits {@code backoffBase * e^n}, as
 * the JavaScript SDK does with a 50 ms base.
 *
 * @param maxRetries retries after the first attempt; 0 disables retries
 * @param backoffBase base of the exponential backoff
 */
public record TransportRetryPolicy(int maxRetries, Duration backoffBase) {

    /**
     * Validates the policy.
     * @param maxRetries retries after the first attempt
     * @param backoffBase base of the backoff
     */
    public TransportRetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
        }
        if (backoffBase.isNegative()) {
            throw new IllegalArgumentException("backoffBase must not be negative, got " + backoffBase);
        }
    }

    /**
     * The SDKs' default: 5 retries, 50 ms base.
     * @return the default policy
     */
    public static TransportRetryPolicy defaults() {
        return new TransportRetryPolicy(5, Duration.ofMillis(50));
    }

    /**
     * No retries: a network error surfaces at once.
     * @return a policy without retries
     */
    public static TransportRetryPolicy none() {
        return new TransportRetryPolicy(0, Duration.ZERO);
    }

    /**
     * The wait before retry number {@code retry}.
     * @param retry 0 for the first retry
     * @return {@code backoffBase * e^retry}
     */
    public Duration backoff(int retry) {
        return Duration.ofNanos((long) (this.backoffBase.toNanos() * Math.exp(retry)));
    }
}
