package io.github.qstashspring.broker.message;

import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.store.MessageStore.Filter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@link Filter} from query parameters (repeated or comma-joined values) and, for
 * the legacy bulk styles, from a JSON body ({@code {"messageIds":[...]}},
 * {@code {"dlqIds":[...]}} and filter fields). Values from both are combined.
 */
final class Filters {

    private Filters() {
    }

    /**
     * Reads a filter.
     * @param query the request, whose query parameters are read
     * @param body its JSON body, or {@code null}
     * @return the filter
     * @throws BrokerException (400) on an invalid value
     */
    static Filter from(ApiExchange query, @Nullable JsonNode body) {
        List<Integer> statuses = new ArrayList<>();
        for (String status : values(query, body, "responseStatus")) {
            try {
                statuses.add(Integer.parseInt(status));
            }
            catch (NumberFormatException ex) {
                throw BrokerException.badRequest("invalid responseStatus: " + status);
            }
        }
        List<String> messageIds = values(query, body, "messageIds", "messageId");
        return new Filter(messageIds, values(query, body, "dlqIds"), values(query, body, "state"),
                values(query, body, "url"), values(query, body, "host"), values(query, body, "path"),
                values(query, body, "topicName"), values(query, body, "queueName"), values(query, body, "scheduleId"),
                values(query, body, "label"), values(query, body, "flowControlKey"),
                values(query, body, "callerIp", "callerIP"), statuses, time(query, body, "fromDate"),
                time(query, body, "toDate"));
    }

    private static List<String> values(ApiExchange query, @Nullable JsonNode body, String... names) {
        List<String> values = new ArrayList<>(query.parameters(names));
        if (body != null) {
            for (String name : names) {
                JsonNode node = body.get(name);
                if (node == null || node.isNull()) {
                    continue;
                }
                if (node.isArray()) {
                    node.forEach((item) -> values.add(item.asString()));
                }
                else if (!node.asString().isBlank()) {
                    values.add(node.asString());
                }
            }
        }
        return values;
    }

    private static @Nullable Long time(ApiExchange query, @Nullable JsonNode body, String name) {
        Long value = query.longParameter(name);
        if (value == null && body != null && body.has(name) && !body.get(name).isNull()) {
            JsonNode node = body.get(name);
            try {
                value = node.isNumber() ? node.asLong() : Long.parseLong(node.asString());
            }
            catch (NumberFormatException ex) {
                throw BrokerException.badRequest("invalid " + name + ": " + node);
            }
        }
        return value;
    }

    /**
     * Reads a listing cursor.
     * @param cursor the cursor, or {@code null}
     * @return its number, or {@code null} for the first page
     * @throws BrokerException (400) when it is not a number
     */
    static @Nullable Long cursor(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor.trim());
        }
        catch (NumberFormatException ex) {
            throw BrokerException.badRequest("invalid cursor: " + cursor);
        }
    }

    /**
     * Reads the {@code count} of a bulk DLQ operation, from the query or the JSON body.
     * @param query the request
     * @param body its JSON body, or {@code null}
     * @param max the largest count
     * @return the count, or {@code null} for all
     * @throws BrokerException (400) when it is out of range
     */
    static @Nullable Integer count(ApiExchange query, @Nullable JsonNode body, int max) {
        Integer count = query.integerParameter("count");
        if (count == null && body != null && body.has("count")) {
            count = body.get("count").asInt();
        }
        if (count == null) {
            return null;
        }
        if (count < 1 || count > max) {
            throw BrokerException.badRequest("invalid count: must be between 1 and " + max);
        }
        return count;
    }

    /**
     * Reads the page size of a listing.
     * @param query the request
     * @param max the largest page
     * @return the page size: 100 when none is given, at most {@code max}
     * @throws BrokerException (400) when it is below 1
     */
    static int pageSize(ApiExchange query, int max) {
        Integer count = query.integerParameter("count");
        if (count == null) {
            return 100;
        }
        if (count < 1) {
            throw BrokerException.badRequest("invalid count: must be at least 1");
        }
        return Math.min(count, max);
    }

}
