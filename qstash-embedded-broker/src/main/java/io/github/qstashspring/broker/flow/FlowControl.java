package io.github.qstashspring.broker.flow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.github.qstashspring.broker.message.BrokerException;
import io.github.qstashspring.broker.store.FlowKey;
import io.github.qstashspring.broker.store.FlowKeyStore;
import io.github.qstashspring.broker.store.MessageEntity;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Flow-control keys: their configuration (taken from the most recent message of the key
 * unless pinned), the management operations, and the claim of the messages a key lets
 * start. Messages with a key are never claimed by the dispatcher's ordinary claim;
 * {@link #claim} starts them under the key's row lock, so rate and parallelism hold
 * across brokers.
 */
public class FlowControl {

    private static final long DEFAULT_PERIOD_SECONDS = 1;

    private final TransactionTemplate transactions;

    private final FlowKeyStore store;

    private final Clock clock;

    /**
     * Creates the service.
     * @param transactions the broker's transactions
     * @param store the keys
     * @param clock the broker's clock
     */
    public FlowControl(TransactionTemplate transactions, FlowKeyStore store, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records the configuration a new message carries for its key; call inside the
     * publish transaction.
     * @param message the message (with a flow-control key)
     * @param now epoch milliseconds
     */
    public void register(MessageEntity message, long now) {
        String key = Objects.requireNonNull(message.getFlowControlKey());
        FlowKey current = this.store.lock(key).orElse(null);
        Integer parallelism = message.getFlowParallelism();
        Integer rate = message.getFlowRate();
        long period = (message.getFlowPeriod() != null && message.getFlowPeriod() > 0) ? message.getFlowPeriod()
                : DEFAULT_PERIOD_SECONDS;
        if (current == null) {
            this.store.insert(new FlowKey(key, parallelism, rate, period, false, false, false, now, 0));
            return;
        }
        if (parallelism == null && rate == null) {
            return;
        }
        this.store.update(new FlowKey(key, current.pinnedParallelism() ? current.parallelism() : parallelism,
                current.pinnedRate() ? current.rate() : rate, current.pinnedRate() ? current.periodSeconds() : period,
                current.pinnedParallelism(), current.pinnedRate(), current.paused(), current.periodStart(),
                current.rateCount()));
    }

    /**
     * Claims the messages the keys let start now; call inside the claim transaction.
     * @param now epoch milliseconds
     * @param leaseUntil the lease of claimed messages
     * @param limit the most messages to claim
     * @return the claimed message ids
     */
    public List<String> claim(long now, long leaseUntil, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<String> claimed = new ArrayList<>();
        for (String name : this.store.keysWithDueMessages(now)) {
            if (claimed.size() >= limit) {
                break;
            }
            FlowKey key = this.store.lock(name).orElse(null);
            if (key == null || key.paused()) {
                continue;
            }
            key = rolled(key, now);
            long allowed = limit - claimed.size();
            if (key.rate() != null) {
                allowed = Math.min(allowed, key.rate() - key.rateCount());
            }
            if (key.parallelism() != null) {
                allowed = Math.min(allowed, key.parallelism() - this.store.count(name, "ACTIVE"));
            }
            List<String> ids = (allowed > 0) ? this.store.claim(name, now, leaseUntil, (int) allowed) : List.of();
            claimed.addAll(ids);
            this.store.update(withRateCount(key, key.periodStart(), key.rateCount() + ids.size()));
        }
        return claimed;
    }

    /**
     * Lists keys.
     * @param search a substring of the key, or {@code null}
     * @return the keys with their counters
     */
    public List<FlowKeyView> list(@Nullable String search) {
        return Objects.requireNonNull(
                this.transactions.execute((status) -> this.store.list(search).stream().map(this::view).toList()));
    }

    /**
     * Reads a key.
     * @param key the key
     * @return the key with its counters
     * @throws BrokerException (404) when unknown
     */
    public FlowKeyView get(String key) {
        FlowKeyView view = this.transactions.execute((status) -> this.store.find(key).map(this::view).orElse(null));
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
    public void setPaused(String key, boolean paused) {
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
    public void pin(String key, @Nullable Integer parallelism, @Nullable Integer rate, @Nullable Long periodSeconds) {
        if ((parallelism != null && parallelism < 1) || (rate != null && rate < 1)
                || (periodSeconds != null && (periodSeconds < 1 || periodSeconds > 604800))) {
            throw BrokerException
                .badRequest("invalid pin: parallelism and rate must be at least 1, period 1 to 604800 seconds");
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
    public void unpin(String key, boolean parallelism, boolean rate) {
        change(key,
                (current) -> new FlowKey(key, current.parallelism(), current.rate(), current.periodSeconds(),
                        current.pinnedParallelism() && !parallelism, current.pinnedRate() && !rate, current.paused(),
                        current.periodStart(), current.rateCount()));
    }

    /**
     * Clears the rate count and starts a new period now.
     * @param key the key
     */
    public void resetRate(String key) {
        long now = this.clock.millis();
        change(key, (current) -> withRateCount(current, now, 0));
    }

    /**
     * Deliveries in flight over all keys.
     * @return how many messages are being delivered
     */
    public int activeDeliveries() {
        Integer count = this.transactions.execute((status) -> this.store.countActive());
        return (count != null) ? count : 0;
    }

    private void change(String key, UnaryOperator<FlowKey> change) {
        Boolean found = this.transactions.execute((status) -> this.store.lock(key).map((current) -> {
            this.store.update(change.apply(current));
            return true;
        }).orElse(false));
        if (!Boolean.TRUE.equals(found)) {
            throw notFound(key);
        }
    }

    private FlowKeyView view(FlowKey key) {
        return new FlowKeyView(rolled(key, this.clock.millis()), this.store.count(key.key(), "PENDING"),
                this.store.count(key.key(), "ACTIVE"));
    }

    private static FlowKey rolled(FlowKey key, long now) {
        if (now >= key.periodStart() + key.periodSeconds() * 1000) {
            return withRateCount(key, now, 0);
        }
        return key;
    }

    private static FlowKey withRateCount(FlowKey key, long periodStart, int rateCount) {
        return new FlowKey(key.key(), key.parallelism(), key.rate(), key.periodSeconds(), key.pinnedParallelism(),
                key.pinnedRate(), key.paused(), periodStart, rateCount);
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
    public record FlowKeyView(FlowKey key, int waitListSize, int parallelismCount) {
    }

}
