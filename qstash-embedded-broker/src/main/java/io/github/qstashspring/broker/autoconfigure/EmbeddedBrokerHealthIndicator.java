package io.github.qstashspring.broker.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.EmbeddedQStashBroker.Status;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The in-app broker's health, {@code qstashBroker} in {@code /actuator/health}:
 * {@code UP} while its database answers and its dispatcher runs, {@code DOWN} otherwise.
 * The details show the backlog (messages by state, the dead letter queue, how long the
 * oldest due message has waited, deliveries in flight); they do not change the status,
 * since a backlog is for an alert on the broker's meters, not for a restart. The counts
 * are at most a few seconds old ({@link EmbeddedQStashBroker#status()}).
 */
final class EmbeddedBrokerHealthIndicator implements HealthIndicator {

    private final EmbeddedQStashBroker broker;

    EmbeddedBrokerHealthIndicator(EmbeddedQStashBroker broker) {
        this.broker = broker;
    }

    @Override
    public Health health() {
        Status status = this.broker.status();
        Health.Builder health = status.isUp() ? Health.up() : Health.down();
        health.withDetail("url", this.broker.getUrl())
            .withDetail("database", status.databaseReachable() ? "reachable" : status.databaseError())
            .withDetail("dispatching", status.dispatching())
            .withDetail("inFlight", status.inFlight());
        if (status.databaseReachable()) {
            Map<String, Long> messages = new LinkedHashMap<>();
            messages.put("queued", status.queued());
            messages.put("pending", status.pending());
            messages.put("active", status.active());
            health.withDetail("messages", messages).withDetail("deadLetters", status.deadLetters());
            if (status.oldestDueAge() != null) {
                health.withDetail("oldestDueAge", status.oldestDueAge().toString());
            }
        }
        return health.build();
    }

}
