/**
 * Micrometer {@code Observation} support for QStash: names, contexts and conventions of the
 * observations recorded when publishing and when receiving deliveries. Without an
 * {@code ObservationRegistry} bean nothing is recorded.
 */
@NullMarked
package io.github.qstashspring.observation;

import org.jspecify.annotations.NullMarked;
