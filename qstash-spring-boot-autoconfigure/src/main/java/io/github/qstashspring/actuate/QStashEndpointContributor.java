package io.github.qstashspring.actuate;

import org.jspecify.annotations.Nullable;

/**
 * Adds a section to the {@code qstash} actuator endpoint, under
 * {@code contributions.<name>}: for example the embedded broker's counts of waiting and
 * dead-lettered messages. Declare one as a bean; the endpoint asks it on every read. The
 * value is written with the actuator's JSON mapper, so a record is the natural shape (its
 * reflection hints must be registered for a native image, for example with
 * {@code @RegisterReflectionForBinding}). It must never contain a secret.
 */
public interface QStashEndpointContributor {

    /**
     * The name of the section.
     * @return a name unique among the contributors, for example {@code broker}
     */
    String name();

    /**
     * The section's content, read now.
     * @return the value to write, or {@code null} to leave the section out
     */
    @Nullable Object describe();

}
