package io.github.qstashspring.broker.api;

import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.message.BrokerException;
import io.github.qstashspring.broker.message.MessageFilter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@link MessageFilter} from query parameters (repeated or comma-joined values)
 * and, for the legacy bulk styles, from a JSON body ({@code {"messageIds":[...]}},
 * {@code {"dlqIds":[...]}} and filter fields). Values from both are combined.
 */
final class Filters {

    private Filters() {
    }

    static MessageFilter from(QueryParameters query, @Nullable JsonNode body) {
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
        return new MessageFilter(messageIds, values(query, body, "dlqIds"), values(query, body, "state"),
                values(query, body, "url"), values(query, body, "host"), values(query, body, "path"),
                values(query, body, "topicName"), values(query, body, "queueName"), values(query, body, "scheduleId"),
                values(query, body, "label"), values(query, body, "flowControlKey"),
                values(query, body, "callerIp", "callerIP"), statuses, time(query, body, "fromDate"),
                time(query, body, "toDate"));
    }

    private static List<String> values(QueryParameters query, @Nullable JsonNode body, String... names) {
        List<String> values = new ArrayList<>(query.all(names));
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

    private static @Nullable Long time(QueryParameters query, @Nullable JsonNode body, String name) {
        Long value = query.longValue(name);
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

}
