package io.github.qstashspring.broker.flow;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.ResourceStore.FlowKey;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The management of flow-control keys: list, read (with the messages waiting and in
 * flight), pause, resume, pin, unpin and reset the rate window. A key's configuration is
 * recorded when its messages are published; its messages are started by the dispatcher
 * under the key's row lock, so rate and parallelism hold across brokers.
 */
final class FlowControl {

    private final TransactionOperations transactions;

    private final ResourceStore store;

    private final long maxPeriodSeconds;

    private final Clock clock;

    FlowControl(TransactionOperations transactions, ResourceStore store, long maxPeriodSeconds, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.maxPeriodSeconds = maxPeriodSeconds;
        this.clock = clock;
    }

    /**
     * Lists keys.
     * @param search a substring of the key, or {@code null}
     * @return the keys with their counters
     */
    List<FlowKeyView> list(@Nullable String search) {
        return Objects.requireNonNull(this.transactions
            .execute((status) -> this.store.listFlowKeys(search).stream().map(this::view).toList()));
    }

    /**
     * Reads a key.
     * @param key the key
     * @return the key with its counters
     * @throws BrokerException (404) when unknown
     */
    FlowKeyView get(String key) {
        FlowKeyView view = this.transactions
            .execute((status) -> this.store.findFlowKey(key).map(this::view).orElse(null));
        if (view == null) {
            throw notFound(key);
        }
        return view;
    }

    /**
     * Pauses or resumes a key: while paused no message of the key starts; the rate period
     * keeps running.
     * @param key the key
     * @param paused whether to pause
     */
    void setPaused(String key, boolean paused) {
        change(key, (current) -> new FlowKey(key, current.parallelism(), current.rate(), current.periodSeconds(),
                current.pinnedParallelism(), current.pinnedRate(), paused, current.periodStart(), current.rateCount()));
    }

    /**
     * Pins values: the messages' values are ignored for them until unpinned; the rate
     * window restarts.
     * @param key the key
     * @param parallelism the parallelism to pin, or {@code null}
     * @param rate the rate to pin, or {@code null}
     * @param periodSeconds the period to pin (with the rate), or {@code null}
     */
    void pin(String key, @Nullable Integer parallelism, @Nullable Integer rate, @Nullable Long periodSeconds) {
        if ((parallelism != null && parallelism < 1) || (rate != null && rate < 1)
                || (periodSeconds != null && (periodSeconds < 1 || periodSeconds > this.maxPeriodSeconds))) {
            throw BrokerException.badRequest("invalid pin: parallelism and rate must be at least 1, period 1 to "
                    + this.maxPeriodSeconds + " seconds (qstash.embedded.limits.max-flow-control-period)");
        }
        long now = this.clock.millis();
        change(key,
                (current) -> new FlowKey(key, (parallelism != null) ? parallelism : current.parallelism(),
                        (rate != null) ? rate : current.rate(),
                        (periodSeconds != null) ? periodSeconds : current.periodSeconds(),
                        current.pinnedParallelism() || parallelism != null,
                        current.pinnedRate() || rate != null || periodSeconds != null, current.paused(), now, 0));
    }

    /**
     * Unpins values: the next message's values apply again.
     * @param key the key
     * @param parallelism whether to unpin the parallelism
     * @param rate whether to unpin the rate and period
     */
    void unpin(String key, boolean parallelism, boolean rate) {
        change(key,
                (current) -> new FlowKey(key, current.parallelism(), current.rate(), current.periodSeconds(),
                        current.pinnedParallelism() && !parallelism, current.pinnedRate() && !rate, current.paused(),
                        current.periodStart(), current.rateCount()));
    }

    /**
     * Clears the rate count and starts a new period now.
     * @param key the key
     */
    void resetRate(String key) {
        long now = this.clock.millis();
        change(key, (current) -> current.withRateCount(now, 0));
    }

    /**
     * Deliveries in flight over all keys.
     * @return how many messages are being delivered
     */
    int activeDeliveries() {
        Integer count = this.transactions.execute((status) -> this.store.countActiveMessages());
        return (count != null) ? count : 0;
    }

    private void change(String key, UnaryOperator<FlowKey> change) {
        Boolean found = this.transactions.execute((status) -> this.store.lockFlowKey(key).map((current) -> {
            this.store.updateFlowKey(change.apply(current));
            return true;
        }).orElse(false));
        if (!Boolean.TRUE.equals(found)) {
            throw notFound(key);
        }
    }

    private FlowKeyView view(FlowKey key) {
        return new FlowKeyView(key.rolledAt(this.clock.millis()),
                this.store.countMessagesOfKey(key.key(), State.PENDING),
                this.store.countMessagesOfKey(key.key(), State.ACTIVE));
    }

    private static BrokerException notFound(String key) {
        return BrokerException.notFound("flow control key " + key + " not found");
    }

    /**
     * A key as the API shows it.
     *
     * @param key the key (with its current rate window)
     * @param waitListSize messages waiting to start
     * @param parallelismCount messages in flight
     */
    record FlowKeyView(FlowKey key, int waitListSize, int parallelismCount) {
    }

}
