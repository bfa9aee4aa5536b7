package io.github.qstashspring.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The filters every workflow query shares (cancel, logs, DLQ); each becomes a query
 * parameter as the official SDK sends it. Values of one filter are ORed, different
 * filters are ANDed.
 *
 * @param <F> the concrete filter type, returned by every setter for chaining
 */
public abstract class WorkflowFilter<F extends WorkflowFilter<F>> {

    private final FormQuery.Parameters parameters = new FormQuery.Parameters();

    private @Nullable Integer count;

    WorkflowFilter() {
    }

    @SuppressWarnings("unchecked")
    final F add(String name, String... values) {
        this.parameters.add(name, values);
        return (F) this;
    }

    /**
     * Only runs with one of these labels ({@code label}).
     * @param labels the labels
     * @return this filter
     */
    public F label(String... labels) {
        return add("label", labels);
    }

    /**
     * Only entries from this instant on ({@code fromDate}, Unix milliseconds).
     * @param from the earliest instant
     * @return this filter
     */
    public F fromDate(Instant from) {
        return add("fromDate", Long.toString(from.toEpochMilli()));
    }

    /**
     * Only entries up to this instant ({@code toDate}, Unix milliseconds).
     * @param to the latest instant
     * @return this filter
     */
    public F toDate(Instant to) {
        return add("toDate", Long.toString(to.toEpochMilli()));
    }

    /**
     * Only runs triggered from one of these IP addresses ({@code callerIp}).
     * @param callerIps the IP addresses
     * @return this filter
     */
    public F callerIp(String... callerIps) {
        return add("callerIp", callerIps);
    }

    /**
     * Only runs with one of these flow-control keys ({@code flowControlKey}).
     * @param keys the keys
     * @return this filter
     */
    public F flowControlKey(String... keys) {
        return add("flowControlKey", keys);
    }

    /**
     * How many entries one call reads or acts on ({@code count}).
     * @param count the number
     * @return this filter
     */
    @SuppressWarnings("unchecked")
    public F count(int count) {
        this.count = count;
        return (F) this;
    }

    @Nullable Integer count() {
        return this.count;
    }

    Map<String, List<String>> parameters() {
        return this.parameters.asMap();
    }

}
