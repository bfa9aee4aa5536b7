/**
 * The QStash client: {@link io.github.qstashspring.client.QStashOperations} /
 * {@link io.github.qstashspring.client.QStashTemplate} publish messages and hand out the
 * management APIs (schedules, URL groups, queues, messages, DLQ, logs, signing keys, flow
 * control). Requests are fluent builders, responses are records, errors are
 * {@link io.github.qstashspring.client.QStashException}s.
 */
@NullMarked
package io.github.qstashspring.client;

import org.jspecify.annotations.NullMarked;
