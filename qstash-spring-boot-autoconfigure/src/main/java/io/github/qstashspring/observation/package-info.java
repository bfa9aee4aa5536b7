/**
 * Micrometer {@code Observation} conventions of QStash: the client side (an observation around
 * every API call of {@code QStashTemplate}) and the listener side. Only used when
 * micrometer-observation is on the class path.
 */
@NullMarked
package io.github.qstashspring.observation;

import org.jspecify.annotations.NullMarked;
