/**
 * Messages and their resources: publishing (options, deduplication, URL group fan-out,
 * FIFO queue entry, hand-off to the dispatcher) and {@code /v2/publish}, {@code enqueue},
 * {@code batch}, {@code messages}, {@code dlq}, {@code logs} and {@code topics}.
 */
@NullMarked
package io.github.qstashspring.broker.message;

import org.jspecify.annotations.NullMarked;
