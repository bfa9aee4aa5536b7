/**
 * The broker's database, behind two doors:
 * {@link io.github.qstashspring.broker.store.MessageStore} (messages, the DLQ, logs,
 * claims, queue turns, deduplication keys) and
 * {@link io.github.qstashspring.broker.store.ResourceStore} (schedules, URL groups,
 * queues, flow-control keys, signing keys), which speak in records such as
 * {@link io.github.qstashspring.broker.store.StoredMessage}. Entities, repositories, row
 * binders, the claim statements, the group commit and the broker's own DataSource, JPA
 * and Flyway wiring stay inside.
 */
@NullMarked
package io.github.qstashspring.broker.store;

import org.jspecify.annotations.NullMarked;
