package io.github.qstashspring.broker.delivery;

import java.util.Collection;
import java.util.List;

import io.github.qstashspring.broker.store.StoredMessage;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@link Dispatcher} the rest of the broker uses: the hand-off to the
 * {@link DeliveryDispatcher}, the due work of every package and the
 * {@link BrokerMaintenance}, and the signing keys.
 */
final class DispatcherControls implements Dispatcher {

    private final DeliveryDispatcher dispatcher;

    private final BrokerMaintenance maintenance;

    private final SigningKeys signingKeys;

    private final ObjectProvider<DueWork> dueWork;

    private final DestinationPolicy destinations;

    DispatcherControls(DeliveryDispatcher dispatcher, BrokerMaintenance maintenance, SigningKeys signingKeys,
            ObjectProvider<DueWork> dueWork, DestinationPolicy destinations) {
        this.destinations = destinations;
        this.dispatcher = dispatcher;
        this.maintenance = maintenance;
        this.signingKeys = signingKeys;
        this.dueWork = dueWork;
    }

    @Override
    public void offer(Collection<String> messageIds) {
        this.dispatcher.offer(messageIds);
    }

    @Override
    public boolean reserve(StoredMessage message) {
        return this.dispatcher.reserve(message);
    }

    @Override
    public void release(List<StoredMessage> messages) {
        this.dispatcher.release(messages);
    }

    @Override
    public long leaseUntil(long now) {
        return this.dispatcher.leaseUntil(now);
    }

    @Override
    public void deliverClaimed(List<StoredMessage> messages) {
        this.dispatcher.deliverClaimed(messages);
    }

    @Override
    public void runDueWork() {
        this.dueWork.orderedStream().forEach(DueWork::run);
        this.maintenance.releaseExpiredClaims();
        this.dispatcher.runDueWork();
    }

    @Override
    public void checkDestination(String url) {
        this.destinations.checkAtPublish(url);
    }

    @Override
    public boolean isIdle() {
        return this.dispatcher.isIdle();
    }

    @Override
    public boolean isDispatching() {
        return this.dispatcher.isDispatching();
    }

    @Override
    public int inFlight() {
        return this.dispatcher.inFlight().size();
    }

    @Override
    public String currentSigningKey() {
        return this.signingKeys.current();
    }

    @Override
    public String nextSigningKey() {
        return this.signingKeys.next();
    }

}
