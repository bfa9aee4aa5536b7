/**
 * Flow control: per key, at most {@code rate} deliveries started per {@code period} and
 * at most {@code parallelism} in flight, across every destination and every broker
 * sharing the database.
 */
@NullMarked
package io.github.qstashspring.broker.flow;

import org.jspecify.annotations.NullMarked;
