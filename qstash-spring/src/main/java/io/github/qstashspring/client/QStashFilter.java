package io.github.qstashspring.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.springframework.web.util.UriUtils;

/**
 * Filters shared by the message, DLQ and log queries; each becomes a query parameter.
 * Values of one filter are ORed, different filters are ANDed (QStash's rule).
 *
 * @param <F> the concrete filter type, returned by every setter for chaining
 */
public abstract class QStashFilter<F extends QStashFilter<F>> {

    private final Map<String, List<String>> parameters = new LinkedHashMap<>();

    QStashFilter() {
    }

    @SuppressWarnings("unchecked")
    final F add(String name, String... values) {
        this.parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(List.of(values));
        return (F) this;
    }

    /**
     * Only entries for this destination URL ({@code url}).
     * @param url the destination URL
     * @return this filter
     */
    public F url(String url) {
        return add("url", url);
    }

    /**
     * Only entries published to this URL group ({@code topicName}).
     * @param urlGroup the URL group name
     * @return this filter
     */
    public F urlGroup(String urlGroup) {
        return add("topicName", urlGroup);
    }

    /**
     * Only entries of this queue ({@code queueName}).
     * @param queueName the queue name
     * @return this filter
     */
    public F queueName(String queueName) {
        return add("queueName", queueName);
    }

    /**
     * Only entries produced by this schedule ({@code scheduleId}).
     * @param scheduleId the schedule id
     * @return this filter
     */
    public F scheduleId(String scheduleId) {
        return add("scheduleId", scheduleId);
    }

    /**
     * Only entries with one of these labels ({@code label}, repeated).
     * @param labels the labels
     * @return this filter
     */
    public F label(String... labels) {
        return add("label", labels);
    }

    /**
     * Only entries with this flow-control key ({@code flowControlKey}).
     * @param flowControlKey the key
     * @return this filter
     */
    public F flowControlKey(String flowControlKey) {
        return add("flowControlKey", flowControlKey);
    }

    /**
     * Only entries published from this IP address ({@code callerIp}).
     * @param callerIp the IP address
     * @return this filter
     */
    public F callerIp(String callerIp) {
        return add("callerIp", callerIp);
    }

    /**
     * Only entries from this instant on ({@code fromDate}, Unix milliseconds, inclusive).
     * @param from the earliest instant
     * @return this filter
     */
    public F fromDate(Instant from) {
        return add("fromDate", Long.toString(from.toEpochMilli()));
    }

    /**
     * Only entries up to this instant ({@code toDate}, Unix milliseconds, inclusive).
     * @param to the latest instant
     * @return this filter
     */
    public F toDate(Instant to) {
        return add("toDate", Long.toString(to.toEpochMilli()));
    }

    /**
     * Page size or batch size ({@code count}).
     * @param count the number of entries per request
     * @return this filter
     */
    @SuppressWarnings("unchecked")
    public F count(int count) {
        this.parameters.put("count", new ArrayList<>(List.of(Integer.toString(count))));
        return (F) this;
    }

    boolean has(String name) {
        return this.parameters.containsKey(name);
    }

    /**
     * The query string (without {@code ?}), with {@code extra} parameters appended; empty
     * if none.
     */
    String toQuery(Map<String, String> extra) {
        StringJoiner query = new StringJoiner("&");
        this.parameters.forEach((name, values) -> values.forEach((value) -> query.add(name + "=" + encode(value))));
        extra.forEach((name, value) -> query.add(name + "=" + encode(value)));
        return query.toString();
    }

    /** Percent-encodes a value; {@code +} too, since QStash (Go) reads it as a space. */
    private static String encode(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8).replace("+", "%2B");
    }

}
