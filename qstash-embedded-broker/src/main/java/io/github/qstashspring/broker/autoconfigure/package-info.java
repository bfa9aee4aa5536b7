/**
 * In-app mode: starts the broker in its own application context when
 * {@code qstash.embedded.enabled=true} and points the host's QStash client at it.
 */
@NullMarked
package io.github.qstashspring.broker.autoconfigure;

import org.jspecify.annotations.NullMarked;
