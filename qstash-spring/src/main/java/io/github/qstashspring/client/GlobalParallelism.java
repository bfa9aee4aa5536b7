package io.github.qstashspring.client;

/**
 * The account-wide parallelism ({@code GET /v2/globalParallelism}).
 *
 * @param parallelismMax the maximum deliveries in flight
 * @param parallelismCount the deliveries in flight now
 */
public record GlobalParallelism(int parallelismMax, int parallelismCount) {
}
