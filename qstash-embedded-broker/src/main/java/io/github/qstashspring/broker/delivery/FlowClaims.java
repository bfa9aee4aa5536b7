package io.github.qstashspring.broker.delivery;

import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.ResourceStore.FlowKey;
import io.github.qstashspring.broker.store.StoredMessage.State;

/**
 * Claims the messages that their flow-control keys let start: per key, at most
 * {@code rate} deliveries started per period and at most {@code parallelism} in flight.
 * Messages with a key are never claimed by the ordinary claim; these claims run under the
 * key's row lock, so rate and parallelism hold across brokers sharing the database.
 */
final class FlowClaims {

    private final ResourceStore store;

    FlowClaims(ResourceStore store) {
        this.store = store;
    }

    /**
     * Claims the messages the keys let start now; call inside the claim transaction.
     * @param now epoch milliseconds
     * @param leaseUntil the lease of claimed messages
     * @param limit the most messages to claim
     * @return the claimed message ids
     */
    List<String> claim(long now, long leaseUntil, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<String> claimed = new ArrayList<>();
        for (String name : this.store.keysWithDueMessages(now)) {
            if (claimed.size() >= limit) {
                break;
            }
            FlowKey key = this.store.lockFlowKey(name).orElse(null);
            if (key == null || key.paused()) {
                continue;
            }
            key = key.rolledAt(now);
            long allowed = limit - claimed.size();
            if (key.rate() != null) {
                allowed = Math.min(allowed, key.rate() - key.rateCount());
            }
            if (key.parallelism() != null) {
                allowed = Math.min(allowed, key.parallelism() - this.store.countMessagesOfKey(name, State.ACTIVE));
            }
            List<String> ids = (allowed > 0) ? this.store.claimMessagesOfKey(name, now, leaseUntil, (int) allowed)
                    : List.of();
            claimed.addAll(ids);
            this.store.updateFlowKey(key.withRateCount(key.periodStart(), key.rateCount() + ids.size()));
        }
        return claimed;
    }

}
