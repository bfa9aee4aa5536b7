package io.github.qstashspring.broker.autoconfigure;

import io.github.qstashspring.actuate.QStashEndpointContributor;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import org.jspecify.annotations.Nullable;

/**
 * The in-app broker's section of the {@code qstash} actuator endpoint,
 * {@code contributions.broker}: where it listens, its dashboard and its
 * {@link EmbeddedQStashBroker.Status} (counts at most a few seconds old). Never its token
 * or keys.
 */
final class EmbeddedBrokerEndpointContributor implements QStashEndpointContributor {

    private final EmbeddedQStashBroker broker;

    EmbeddedBrokerEndpointContributor(EmbeddedQStashBroker broker) {
        this.broker = broker;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public BrokerDescriptor describe() {
        return new BrokerDescriptor(this.broker.getUrl(), this.broker.getDashboardUrl(), this.broker.status());
    }

    /**
     * The section.
     *
     * @param url the broker's base URL
     * @param dashboard the dashboard's URL, or {@code null} when it is off
     * @param status what the broker is doing
     */
    record BrokerDescriptor(String url, @Nullable String dashboard, EmbeddedQStashBroker.Status status) {
    }

}
