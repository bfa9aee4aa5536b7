package io.github.qstashspring.client;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Describes one call of the QStash API, as handed to a {@link QStashApiCallObserver}.
 *
 * @param operation what the call does, e.g. {@code publish}, {@code enqueue},
 * {@code batch}, {@code schedules.create}, {@code dlq.list} (low cardinality)
 * @param destinationKind what the call is addressed to
 * @param destination the destination URL or URL group, when there is one (high
 * cardinality)
 * @param method the HTTP method of the API call
 * @param uri the full URI of the API call
 */
public record QStashApiCall(String operation, DestinationKind destinationKind, @Nullable String destination,
        String method, URI uri) {
}
