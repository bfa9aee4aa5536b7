package io.github.qstashspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Flow control of a message: all messages sharing a key are delivered at most
 * {@code rate} per {@code period} and at most {@code parallelism} at once. Sent as
 * {@code Upstash-Flow-Control-Key} and {@code Upstash-Flow-Control-Value:
 * parallelism=<n>, rate=<n>, period=<n>s} (the JavaScript SDK's format).
 *
 * <pre>{@code
 * FlowControl.key("payments").rate(10).period(Duration.ofMinutes(1)).parallelism(2)
 * }</pre>
 */
public final class FlowControl {

    private final String key;

    private @Nullable Integer rate;

    private @Nullable Duration period;

    private @Nullable Integer parallelism;

    private FlowControl(String key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Flow control under the given key.
     * @param key the flow-control key shared by the messages it limits
     * @return a flow control without limits yet: set {@link #rate} and/or
     * {@link #parallelism}
     */
    public static FlowControl key(String key) {
        return new FlowControl(key);
    }

    /**
     * Maximum deliveries started per period.
     * @param rate the rate
     * @return this flow control
     */
    public FlowControl rate(int rate) {
        this.rate = rate;
        return this;
    }

    /**
     * The period of {@link #rate} (QStash's default is one second), whole seconds.
     * @param period the period
     * @return this flow control
     */
    public FlowControl period(Duration period) {
        this.period = period;
        return this;
    }

    /**
     * Maximum deliveries in flight at once.
     * @param parallelism the parallelism
     * @return this flow control
     */
    public FlowControl parallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    /**
     * The key.
     * @return the flow-control key
     */
    public String getKey() {
        return this.key;
    }

    void writeHeaders(Map<String, String> target) {
        writeHeaders(target, "Upstash-");
    }

    /**
     * Writes {@code <prefix>Flow-Control-Key} and {@code <prefix>Flow-Control-Value}, for
     * example under {@code Upstash-Failure-Callback-} for a failure callback.
     */
    void writeHeaders(Map<String, String> target, String prefix) {
        if (this.rate == null && this.parallelism == null) {
            throw new IllegalArgumentException(
                    "Flow control '" + this.key + "' needs a rate or a parallelism (or both)");
        }
        List<String> values = new ArrayList<>(3);
        if (this.parallelism != null) {
            values.add("parallelism=" + this.parallelism);
        }
        if (this.rate != null) {
            values.add("rate=" + this.rate);
        }
        if (this.period != null) {
            values.add("period=" + WireFormat.seconds(this.period, "flow control period"));
        }
        target.put(prefix + "Flow-Control-Key", this.key);
        target.put(prefix + "Flow-Control-Value", String.join(", ", values));
    }

}
