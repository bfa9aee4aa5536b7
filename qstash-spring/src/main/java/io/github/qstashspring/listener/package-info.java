/**
 * Verified QStash receivers: {@link io.github.qstashspring.listener.QStashListener} turns
 * a bean method into a POST endpoint on Spring MVC that reads the raw body, verifies the
 * {@code Upstash-Signature}, converts the payload and invokes the method;
 * {@link io.github.qstashspring.listener.QStashVerified} protects hand-written
 * controllers the same way. Outcomes map to the statuses QStash acts on: 2xx
 * acknowledged, 489 with {@code Upstash-NonRetryable-Error: true} not retried, anything
 * else retried.
 */
@NullMarked
package io.github.qstashspring.listener;

import org.jspecify.annotations.NullMarked;
