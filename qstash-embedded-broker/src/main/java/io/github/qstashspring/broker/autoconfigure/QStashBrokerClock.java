package io.github.qstashspring.broker.autoconfigure;

import java.time.Clock;

/**
 * Supplies the clock of the in-app broker. Declare a bean of this type (for instance in a
 * test configuration, with a {@link io.github.qstashspring.broker.MutableClock}) to
 * control the broker's time; the application's own {@code Clock} beans are never picked
 * up by accident.
 *
 * @param clock the clock the broker reads time from
 */
public record QStashBrokerClock(Clock clock) {
}
