package io.github.qstashspring.broker.autoconfigure;

import io.github.qstashspring.broker.EmbeddedQStashBroker;

/**
 * Adds to the in-app broker's builder before it starts (the application's meter registry,
 * for example).
 */
@FunctionalInterface
interface BrokerBuilderCustomizer {

    /**
     * Customizes the builder.
     * @param builder the broker's builder
     */
    void customize(EmbeddedQStashBroker.Builder builder);

}
