/**
 * Upstash Workflow on the broker: runs created by their trigger, the step history kept in
 * the database and delivered with every step, the run's configuration applied to its
 * messages, {@code context.call} callbacks, waiters and notifications, webhooks, invoke,
 * the end of runs (success, cancel, failure with its failure callback) and the workflow
 * API ({@code /v2/workflows/...}, {@code /v2/wait}, {@code /v2/notify},
 * {@code /v2/waiters}).
 */
@NullMarked
package io.github.qstashspring.broker.workflow;

import org.jspecify.annotations.NullMarked;
