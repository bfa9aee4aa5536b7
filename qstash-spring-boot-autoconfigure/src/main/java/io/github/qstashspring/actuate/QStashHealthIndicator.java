package io.github.qstashspring.actuate;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.StringUtils;

import io.github.qstashspring.autoconfigure.QStashConnectionDetails;
import io.github.qstashspring.client.QStashApiException;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.QStashRateLimitException;

/**
 * Whether QStash answers the application's client with the configured token. The check is
 * one {@code GET /v2/queues}: a read that every token may make (read-only tokens too),
 * that returns no secret (unlike {@code GET /v2/keys}), that is small (a handful of
 * queues) and that publishes nothing, so it never counts against the daily message quota.
 * Its result is reused for a configurable time, so that frequent probes do not call
 * QStash every time.
 * <ul>
 * <li>{@code UP}: QStash answered (a {@code 429} of the per-second burst limit counts as
 * an answer);</li>
 * <li>{@code DOWN}: QStash refused the token ({@code 401}/{@code 403}), answered an
 * error, or could not be reached (after the client's transport retries);</li>
 * <li>{@code UNKNOWN}: no token is configured, so this application does not call
 * QStash.</li>
 * </ul>
 * The details name the URL and, when it failed, the error; never the token.
 */
public final class QStashHealthIndicator implements HealthIndicator {

    private final Supplier<QStashOperations> operations;

    private final QStashConnectionDetails connectionDetails;

    private final long timeToLiveNanos;

    private @Nullable Health cached;

    private long cachedAt;

    /**
     * Creates the indicator.
     * @param operations supplies the application's QStash client, asked only when a token
     * is configured
     * @param connectionDetails where QStash is and the token
     * @param timeToLive how long a result is reused; zero checks on every call
     */
    public QStashHealthIndicator(Supplier<QStashOperations> operations, QStashConnectionDetails connectionDetails,
            Duration timeToLive) {
        this.operations = operations;
        this.connectionDetails = connectionDetails;
        this.timeToLiveNanos = timeToLive.toNanos();
    }

    @Override
    public synchronized Health health() {
        long now = System.nanoTime();
        Health health = this.cached;
        if (health == null || now - this.cachedAt >= this.timeToLiveNanos) {
            health = check();
            this.cached = health;
            this.cachedAt = now;
        }
        return health;
    }

    private Health check() {
        String url = this.connectionDetails.getUrl();
        if (!StringUtils.hasText(this.connectionDetails.getToken())) {
            return Health.unknown()
                .withDetail("url", url)
                .withDetail("reason", "No QStash token is configured (qstash.token or QSTASH_TOKEN)")
                .build();
        }
        try {
            int queues = this.operations.get().queues().list().size();
            return Health.up().withDetail("url", url).withDetail("queues", queues).build();
        }
        catch (QStashRateLimitException ex) {
            return Health.up().withDetail("url", url).withDetail("rateLimited", true).build();
        }
        catch (QStashApiException ex) {
            return Health.down()
                .withDetail("url", url)
                .withDetail("status", ex.getStatus())
                .withDetail("error", ex.getError())
                .build();
        }
        catch (RuntimeException ex) {
            return Health.down(ex).withDetail("url", url).build();
        }
    }

}
