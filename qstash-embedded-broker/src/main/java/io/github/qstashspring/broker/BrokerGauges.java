package io.github.qstashspring.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.github.qstashspring.broker.EmbeddedQStashBroker.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The broker's gauges: messages by state, the dead letter queue, deliveries in flight and
 * the age of the oldest due message, read through the {@link BrokerMonitor} (so a scrape
 * costs at most one read of the counts every few seconds). They are removed from the
 * registry when the broker stops, since the registry (the host application's) outlives
 * it.
 */
final class BrokerGauges implements AutoCloseable {

    private final MeterRegistry registry;

    private final BrokerMonitor monitor;

    private final List<Meter> meters = new ArrayList<>();

    BrokerGauges(MeterRegistry registry, BrokerMonitor monitor) {
        this.registry = registry;
        this.monitor = monitor;
        messages("queued", Status::queued);
        messages("pending", Status::pending);
        messages("active", Status::active);
        gauge(Gauge.builder("qstash.broker.dlq.size", this, (gauges) -> gauges.counted(Status::deadLetters))
            .description("Messages in the dead letter queue of the QStash broker"));
        gauge(Gauge.builder("qstash.broker.deliveries.in.flight", this, (gauges) -> gauges.monitor.status().inFlight())
            .description("Deliveries the QStash broker is running now"));
        gauge(Gauge.builder("qstash.broker.oldest.due.age", this, BrokerGauges::oldestDueAgeSeconds)
            .description("How long the longest-waiting due message of the QStash broker has been due")
            .baseUnit("seconds"));
    }

    private void messages(String state, ToDoubleFunction<Status> count) {
        gauge(Gauge.builder("qstash.broker.messages", this, (gauges) -> gauges.counted(count))
            .tag("state", state)
            .description("Messages of the QStash broker by state, not counting the dead letter queue"));
    }

    private void gauge(Gauge.Builder<BrokerGauges> builder) {
        this.meters.add(builder.strongReference(true).register(this.registry));
    }

    /** A count read from the database; NaN (no sample) while it cannot be read. */
    private double counted(ToDoubleFunction<Status> count) {
        Status status = this.monitor.status();
        return status.databaseReachable() ? count.applyAsDouble(status) : Double.NaN;
    }

    private double oldestDueAgeSeconds() {
        return counted((status) -> (status.oldestDueAge() != null) ? status.oldestDueAge().toNanos() / 1e9 : 0);
    }

    @Override
    public void close() {
        this.meters.forEach(this.registry::remove);
    }

}
