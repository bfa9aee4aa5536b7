package io.github.qstashspring.client;

import java.util.Map;

import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Messages waiting for delivery: read and cancel them. Obtained from
 * {@link QStashOperations#messages()}.
 */
public final class QStashMessages {

    /** Batch size of a bulk cancel by filter, as the JavaScript SDK sends it. */
    static final int BULK_COUNT = 100;

    private final QStashHttp http;

    QStashMessages(QStashHttp http) {
        this.http = http;
    }

    /**
     * Reads a message while it is pending or being retried:
     * {@code GET /v2/messages/<id>}.
     * @param messageId the id
     * @return the message
     * @throws QStashApiException with status 404 once it was delivered or when unknown
     */
    public Message get(String messageId) {
        return this.http.read(ApiRequest.of("messages.get", HttpMethod.GET, path(messageId)), Message.class);
    }

    /**
     * Cancels one message: {@code DELETE /v2/messages/<id>}. A delivery already in flight
     * may still complete.
     * @param messageId the id
     * @throws QStashApiException with status 404 when unknown
     */
    public void cancel(String messageId) {
        this.http.send(ApiRequest.of("messages.cancel", HttpMethod.DELETE, path(messageId)));
    }

    /**
     * Cancels the messages a filter selects: {@code DELETE /v2/messages?<filter>}. With
     * {@link MessageFilter#messageIds ids} one call is made; otherwise calls with
     * {@code count=100} (unless the filter sets a count) are repeated until QStash
     * reports nothing left to cancel, as the JavaScript SDK does.
     * @param filter which messages; an empty filter cancels all
     * @return how many messages were cancelled
     */
    public int cancel(MessageFilter filter) {
        if (filter.has("messageIds")) {
            return cancelOnce(filter, Map.of());
        }
        Map<String, String> count = filter.has("count") ? Map.of() : Map.of("count", Integer.toString(BULK_COUNT));
        int total = 0;
        for (int cancelled = cancelOnce(filter, count); cancelled > 0; cancelled = cancelOnce(filter, count)) {
            total += cancelled;
        }
        return total;
    }

    /**
     * Cancels every pending message (an empty {@link MessageFilter}).
     * @return how many messages were cancelled
     */
    public int cancelAll() {
        return cancel(new MessageFilter());
    }

    private int cancelOnce(MessageFilter filter, Map<String, String> extra) {
        JsonNode result = this.http
            .treeOrNull(ApiRequest.of("messages.cancelMany", HttpMethod.DELETE, "/v2/messages", filter.toQuery(extra)));
        return (result != null) ? result.path("cancelled").asInt(0) : 0;
    }

    private static String path(String messageId) {
        return "/v2/messages/" + ApiRequest.segment(messageId);
    }

}
