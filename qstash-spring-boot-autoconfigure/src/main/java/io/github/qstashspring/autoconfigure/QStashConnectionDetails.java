package io.github.qstashspring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where QStash is and how to authenticate to it and verify its deliveries. By default
 * backed by {@link QStashProperties}; another source (the embedded broker, a test)
 * replaces it by declaring its own bean of this type, without touching the properties.
 */
public interface QStashConnectionDetails extends ConnectionDetails {

    /**
     * The base URL of the QStash API, without {@code /v2} and without a trailing slash.
     * @return the base URL, e.g. {@code https://qstash.upstash.io}
     */
    String getUrl();

    /**
     * The bearer token for the QStash API.
     * @return the token, or {@code null} when none is configured
     */
    @Nullable String getToken();

    /**
     * The key QStash currently signs deliveries with.
     * @return the key, or {@code null} when none is configured
     */
    @Nullable String getCurrentSigningKey();

    /**
     * The key QStash will sign with after the next rotation.
     * @return the key, or {@code null} when none is configured
     */
    @Nullable String getNextSigningKey();

}
