package io.github.qstashspring.broker.autoconfigure;

import io.github.qstashspring.autoconfigure.QStashConnectionDetails;
import io.github.qstashspring.broker.EmbeddedQStashBroker;

/**
 * {@link QStashConnectionDetails} of the in-app broker: its URL, its token and its
 * current signing keys (read live, so a rotation through the API is seen).
 */
final class EmbeddedBrokerConnectionDetails implements QStashConnectionDetails {

    private final EmbeddedQStashBroker broker;

    /**
     * Creates the details.
     * @param broker the running broker
     */
    EmbeddedBrokerConnectionDetails(EmbeddedQStashBroker broker) {
        this.broker = broker;
    }

    @Override
    public String getUrl() {
        return this.broker.getUrl();
    }

    @Override
    public String getToken() {
        return this.broker.getToken();
    }

    @Override
    public String getCurrentSigningKey() {
        return this.broker.getCurrentSigningKey();
    }

    @Override
    public String getNextSigningKey() {
        return this.broker.getNextSigningKey();
    }

}
