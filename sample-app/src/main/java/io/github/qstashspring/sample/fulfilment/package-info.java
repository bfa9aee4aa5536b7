/**
 * The fulfilment of an order as an Upstash Workflow: a durable sequence of steps that
 * charges the order, waits for the warehouse, waits for the carrier's pickup round, books
 * the carrier over HTTP and announces the dispatch, surviving restarts between any two
 * steps.
 */
@NullMarked
package io.github.qstashspring.sample.fulfilment;

import org.jspecify.annotations.NullMarked;
