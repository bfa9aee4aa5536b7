package io.github.qstashspring.broker.message;

import java.util.Collection;
import java.util.List;

import io.github.qstashspring.broker.store.MessageEntity;

/**
 * How committed messages that are due now reach the dispatcher without waiting for its
 * poll. Implemented by the dispatcher.
 * <p>
 * Two ways: {@link #offer} hands over ids, which the dispatcher claims in a transaction
 * of its own; and a publisher that finds free delivery slots ({@link #reserve}) stores
 * its messages already claimed (state {@code ACTIVE} under {@link #leaseUntil}) in its
 * own transaction and, once that committed, passes them to {@link #deliverClaimed}, which
 * saves the claim transaction and reloading the message. A claimed message that never
 * reaches the dispatcher (a crash between the commit and the hand-off) is delivered again
 * when its lease expires, like any other claim.
 */
public interface MessageHandOff {

    /**
     * Offers committed message ids for immediate delivery; ids not due or already claimed
     * are skipped by the claim.
     * @param messageIds the ids
     */
    void offer(Collection<String> messageIds);

    /**
     * Reserves delivery slots for messages the caller is about to store already claimed.
     * None are given while the dispatcher still has older handed-over messages to claim,
     * so that new messages do not overtake a backlog, or when it is stopping.
     * @param count the slots wanted
     * @return the slots reserved, from 0 to {@code count}
     */
    int reserve(int count);

    /**
     * Gives back reserved slots that were not used (the storing transaction rolled back).
     * @param count how many
     */
    void release(int count);

    /**
     * The lease under which a message claimed now is held.
     * @param now epoch milliseconds on the broker's clock
     * @return when the lease ends, epoch milliseconds
     */
    long leaseUntil(long now);

    /**
     * Delivers messages stored already claimed, in slots reserved by {@link #reserve};
     * call after the commit that stored them.
     * @param messages the committed messages
     */
    void deliverClaimed(List<MessageEntity> messages);

}
