package io.github.qstashspring.broker.message;

import java.util.Objects;

import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.ResourceStore.FlowKey;
import io.github.qstashspring.broker.store.StoredMessage;

/**
 * Records the flow-control configuration a new message carries: a key's parallelism, rate
 * and period are those of its most recent message, unless pinned. Call inside the publish
 * transaction; the key's row stays locked until it ends.
 */
final class FlowKeys {

    private static final long DEFAULT_PERIOD_SECONDS = 1;

    private final ResourceStore store;

    FlowKeys(ResourceStore store) {
        this.store = store;
    }

    void register(StoredMessage message, long now) {
        String key = Objects.requireNonNull(message.envelope().flowControlKey());
        FlowKey current = this.store.lockFlowKey(key).orElse(null);
        Integer parallelism = message.flowParallelism();
        Integer rate = message.flowRate();
        long period = (message.flowPeriod() != null && message.flowPeriod() > 0) ? message.flowPeriod()
                : DEFAULT_PERIOD_SECONDS;
        if (current == null) {
            this.store.insertFlowKey(new FlowKey(key, parallelism, rate, period, false, false, false, now, 0));
            return;
        }
        if (parallelism == null && rate == null) {
            return;
        }
        this.store.updateFlowKey(new FlowKey(key, current.pinnedParallelism() ? current.parallelism() : parallelism,
                current.pinnedRate() ? current.rate() : rate, current.pinnedRate() ? current.periodSeconds() : period,
                current.pinnedParallelism(), current.pinnedRate(), current.paused(), current.periodStart(),
                current.rateCount()));
    }

}
