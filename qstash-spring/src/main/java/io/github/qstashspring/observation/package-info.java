/**
 * Micrometer {@code Observation} conventions of QStash: the client side (an observation
 * around every API call of {@code QStashTemplate}) and the listener side (one per
 * delivery received). Without an {@code ObservationRegistry} bean, or without
 * micrometer-observation on the class path, nothing is recorded.
 */
@NullMarked
package io.github.qstashspring.observation;

import org.jspecify.annotations.NullMarked;
