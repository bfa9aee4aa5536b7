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
     * Cancels the messages a filter selects: one {@code DELETE /v2/messages?<filter>},
     * with {@code count=100} unless the filter sets a count, as the JavaScript SDK sends
     * it. QStash processes every match in that one call.
     * @param filter which messages; an empty filter cancels all
     * @return the number QStash answers: with {@link MessageFilter#messageIds ids} how
     * many were cancelled, otherwise how many matching messages were in progress when the
     * request was accepted
     */
    public int cancel(MessageFilter filter) {
        Map<String, String> count = (filter.has("messageIds") || filter.has("count")) ? Map.of()
                : Map.of("count", Integer.toString(BULK_COUNT));
        JsonNode result = this.http
            .treeOrNull(ApiRequest.of("messages.cancelMany", HttpMethod.DELETE, "/v2/messages", filter.toQuery(count)));
        return (result != null) ? result.path("cancelled").asInt(0) : 0;
    }

    /**
     * Cancels every pending message (an empty {@link MessageFilter}).
     * @return how many messages were cancelled
     */
    public int cancelAll() {
        return cancel(new MessageFilter());
    }

    private static String path(String messageId) {
        return "/v2/messages/" + ApiRequest.segment(messageId);
    }

}
