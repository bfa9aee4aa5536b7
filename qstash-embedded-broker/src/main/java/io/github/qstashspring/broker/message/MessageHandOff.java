package io.github.qstashspring.broker.message;

import java.util.Collection;

/**
 * Receives the ids of committed messages that are due now, so that the dispatcher claims them at
 * once instead of at its next poll. Implemented by the dispatcher.
 */
@FunctionalInterface
public interface MessageHandOff {

    /**
     * Offers committed message ids for immediate delivery; ids not due or already claimed are
     * skipped by the claim.
     * @param messageIds the ids
     */
    void offer(Collection<String> messageIds);
}
