package io.github.qstashspring.benchmarks;

import io.github.qstashspring.broker.QStashBrokerProperties;

/**
 * The brokers of the benchmarks use QStash's public development credentials (on
 * {@code 127.0.0.1}), which the benchmark receiver verifies deliveries with.
 */
final class BenchBrokers {

    private BenchBrokers() {
    }

    /**
     * @return broker properties with the public development token and signing keys
     */
    static QStashBrokerProperties properties() {
        QStashBrokerProperties properties = new QStashBrokerProperties();
        properties.setDevelopmentCredentials(true);
        return properties;
    }

}
