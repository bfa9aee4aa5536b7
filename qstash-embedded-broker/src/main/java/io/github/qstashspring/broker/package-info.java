/**
 * The QStash-compatible broker: its properties, its application context and the entry
 * points that run it standalone or embedded.
 */
@NullMarked
package io.github.qstashspring.broker;

import org.jspecify.annotations.NullMarked;
