/**
 * Spring Boot auto-configuration for QStash: properties under {@code qstash.}, the
 * {@link io.github.qstashspring.autoconfigure.QStashConnectionDetails} seam, and the
 * wiring of the client, the signature verifier and the listeners.
 */
@NullMarked
package io.github.qstashspring.autoconfigure;

import org.jspecify.annotations.NullMarked;
