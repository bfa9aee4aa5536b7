package io.github.qstashspring.broker.store;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A URL group (topic): publishing to its name sends one message to each endpoint.
 *
 * @param name the group name
 * @param endpoints the endpoints, in the order they were added
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 */
public record StoredUrlGroup(String name, List<Endpoint> endpoints, long createdAt, long updatedAt) {

    /**
     * One endpoint of a group.
     *
     * @param name the endpoint name, or {@code null}
     * @param url the URL
     */
    public record Endpoint(@Nullable String name, String url) {
    }
}
