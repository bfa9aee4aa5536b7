package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A URL group (QStash's former "topic"): publishing to it creates one message per
 * endpoint.
 *
 * @param name the group name
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param endpoints its endpoints
 */
public record UrlGroup(String name, @Nullable Instant createdAt, @Nullable Instant updatedAt,
        List<Endpoint> endpoints) {
}
