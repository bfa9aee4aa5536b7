/**
 * The management of flow: FIFO queues ({@code /v2/queues}: parallelism, pause, lag) and
 * flow-control keys ({@code /v2/flowControl}, {@code /v2/globalParallelism}). The turns
 * and the key's limits themselves are kept by the store and the dispatcher.
 */
@NullMarked
package io.github.qstashspring.broker.flow;

import org.jspecify.annotations.NullMarked;
