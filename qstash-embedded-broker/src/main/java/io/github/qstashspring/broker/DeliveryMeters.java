package io.github.qstashspring.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.qstashspring.broker.delivery.Dispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Counts the broker's delivery attempts by outcome ({@code qstash.broker.deliveries}) and
 * times them ({@code qstash.broker.delivery.duration}, request to response). The outcome
 * tag follows Spring's HTTP client metrics: {@code SUCCESS} (2xx), {@code REDIRECTION},
 * {@code CLIENT_ERROR}, {@code SERVER_ERROR}, {@code UNKNOWN} (no response: connection
 * refused or timeout). The meters are removed from the registry when the broker stops.
 */
final class DeliveryMeters implements Dispatcher.AttemptObserver, AutoCloseable {

    private static final String[] OUTCOMES = { "SUCCESS", "REDIRECTION", "CLIENT_ERROR", "SERVER_ERROR", "UNKNOWN" };

    private final MeterRegistry registry;

    private final Counter[] counters = new Counter[OUTCOMES.length];

    private final Timer[] timers = new Timer[OUTCOMES.length];

    DeliveryMeters(MeterRegistry registry) {
        this.registry = registry;
        for (int i = 0; i < OUTCOMES.length; i++) {
            this.counters[i] = Counter.builder("qstash.broker.deliveries")
                .tag("outcome", OUTCOMES[i])
                .description("Delivery attempts of the QStash broker by outcome")
                .register(registry);
            this.timers[i] = Timer.builder("qstash.broker.delivery.duration")
                .tag("outcome", OUTCOMES[i])
                .description("Duration of the QStash broker's delivery attempts, request to response")
                .register(registry);
        }
    }

    @Override
    public void attempted(@Nullable Integer status, long nanos) {
        int outcome = outcome(status);
        this.counters[outcome].increment();
        this.timers[outcome].record(nanos, TimeUnit.NANOSECONDS);
    }

    private static int outcome(@Nullable Integer status) {
        if (status == null) {
            return 4;
        }
        return switch (status / 100) {
            case 2 -> 0;
            case 3 -> 1;
            case 4 -> 2;
            case 5 -> 3;
            default -> 4;
        };
    }

    @Override
    public void close() {
        List<Meter> meters = new ArrayList<>(List.of(this.counters));
        meters.addAll(List.of(this.timers));
        meters.forEach(this.registry::remove);
    }

}
