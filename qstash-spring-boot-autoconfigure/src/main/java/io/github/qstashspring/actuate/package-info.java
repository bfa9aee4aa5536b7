/**
 * Spring Boot actuator support for QStash: the {@code qstash} health indicator (QStash
 * reachable with the configured token) and the {@code qstash} endpoint (listeners,
 * schedules and where the signing keys come from, never the keys themselves).
 */
@NullMarked
package io.github.qstashspring.actuate;

import org.jspecify.annotations.NullMarked;
