package io.github.qstashspring.broker;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The broker's meters, in the {@link MeterRegistry} handed to its context (the host
 * application's, in in-app mode: {@link EmbeddedQStashBroker.Builder#meterRegistry}).
 * Without Micrometer or without a registry there are none. The conditions name their
 * types, so that the class is read without Micrometer on the class path.
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context.
 */
@ConditionalOnClass(name = BrokerMetricsConfiguration.METER_REGISTRY)
@ConditionalOnBean(type = BrokerMetricsConfiguration.METER_REGISTRY)
class BrokerMetricsConfiguration {

    static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    @Bean(destroyMethod = "close")
    BrokerGauges brokerGauges(MeterRegistry registry, BrokerMonitor brokerMonitor) {
        return new BrokerGauges(registry, brokerMonitor);
    }

    @Bean(destroyMethod = "close")
    DeliveryMeters brokerDeliveryMeters(MeterRegistry registry) {
        return new DeliveryMeters(registry);
    }

}
