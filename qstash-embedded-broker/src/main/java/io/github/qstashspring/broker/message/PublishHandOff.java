package io.github.qstashspring.broker.message;

import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.StoredMessage;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the publishes of one transaction hand to the dispatcher, and when: messages stored
 * already claimed are delivered, and the ids of other due messages offered, only after
 * the transaction committed; slots reserved for a transaction that rolled back are given
 * back.
 */
final class PublishHandOff implements TransactionSynchronization {

    private final Dispatcher dispatcher;

    private final List<StoredMessage> claimed = new ArrayList<>();

    private final List<String> due = new ArrayList<>();

    private PublishHandOff(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * The hand-off of the current transaction, registered with it on first use.
     * @param dispatcher the dispatcher
     * @return the hand-off
     */
    static PublishHandOff current(Dispatcher dispatcher) {
        PublishHandOff handOff = (PublishHandOff) TransactionSynchronizationManager.getResource(dispatcher);
        if (handOff == null) {
            handOff = new PublishHandOff(dispatcher);
            TransactionSynchronizationManager.bindResource(dispatcher, handOff);
            TransactionSynchronizationManager.registerSynchronization(handOff);
        }
        return handOff;
    }

    /**
     * Claims a new, due message for this broker's dispatcher if it has a free slot: the
     * message is then stored {@code ACTIVE} under a lease and delivered right after the
     * commit.
     * @param message the message, not yet stored
     * @param now epoch milliseconds
     * @return the message to store: claimed, or as it was
     */
    StoredMessage claim(StoredMessage message, long now) {
        if (!this.dispatcher.reserve(message)) {
            return message;
        }
        StoredMessage claimed = message.claimedUntil(this.dispatcher.leaseUntil(now));
        this.claimed.add(claimed);
        return claimed;
    }

    /**
     * Offers a committed message's id to the dispatcher after the commit.
     * @param messageId the id
     */
    void due(String messageId) {
        this.due.add(messageId);
    }

    @Override
    public void afterCommit() {
        this.dispatcher.deliverClaimed(List.copyOf(this.claimed));
        this.claimed.clear();
        if (!this.due.isEmpty()) {
            this.dispatcher.offer(List.copyOf(this.due));
        }
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(this.dispatcher);
        if (!this.claimed.isEmpty()) {
            // Rolled back: the claimed messages were never stored.
            this.dispatcher.release(List.copyOf(this.claimed));
            this.claimed.clear();
        }
        this.due.clear();
    }

}
