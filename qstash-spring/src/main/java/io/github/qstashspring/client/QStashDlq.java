package io.github.qstashspring.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * The dead letter queue: messages whose retries are exhausted. List, read, delete and
 * retry them. Obtained from {@link QStashOperations#dlq()}.
 */
public final class QStashDlq {

    private final QStashHttp http;

    QStashDlq(QStashHttp http) {
        this.http = http;
    }

    /**
     * Reads the first page: {@code GET /v2/dlq?<filter>}.
     * @param filter which entries, and the page size
     * @return the page with the cursor of the next one
     */
    public CursorPage<DlqMessage> list(DlqFilter filter) {
        return list(filter, null);
    }

    /**
     * Reads one page: {@code GET /v2/dlq?<filter>&cursor=<cursor>}.
     * @param filter which entries, and the page size ({@link DlqFilter#count})
     * @param cursor the cursor of the previous page, {@code null} for the first page
     * @return the page with the cursor of the next one
     */
    public CursorPage<DlqMessage> list(DlqFilter filter, @Nullable String cursor) {
        JsonNode json = this.http
            .tree(ApiRequest.of("dlq.list", HttpMethod.GET, "/v2/dlq", filter.toQuery(cursorParameter(cursor))));
        return new CursorPage<>(this.http.list(json.get("messages"), DlqMessage.class), text(json.get("cursor")));
    }

    /**
     * All entries the filter selects, fetched page by page as the iteration proceeds.
     * @param filter which entries
     * @return a lazily paging iterable
     */
    public Iterable<DlqMessage> listAll(DlqFilter filter) {
        return new CursorIterable<>("dlq.list", (cursor) -> list(filter, cursor));
    }

    /**
     * Reads one entry: {@code GET /v2/dlq/<dlqId>}.
     * @param dlqId the DLQ id
     * @return the entry
     * @throws QStashApiException with status 404 when gone
     */
    public DlqMessage get(String dlqId) {
        return this.http.read(ApiRequest.of("dlq.get", HttpMethod.GET, path(dlqId)), DlqMessage.class);
    }

    /**
     * Deletes one entry: {@code DELETE /v2/dlq/<dlqId>}.
     * @param dlqId the DLQ id
     * @throws QStashApiException with status 404 when gone
     */
    public void delete(String dlqId) {
        this.http.send(ApiRequest.of("dlq.delete", HttpMethod.DELETE, path(dlqId)));
    }

    /**
     * Deletes the entries a filter selects: {@code DELETE /v2/dlq?<filter>}, repeated
     * with the returned cursor until QStash returns none.
     * @param filter which entries; {@link DlqFilter#dlqIds} for exact ones, empty for all
     * @return how many entries were deleted
     */
    public int delete(DlqFilter filter) {
        int deleted = 0;
        CursorGuard guard = new CursorGuard("dlq.deleteMany");
        String cursor = null;
        do {
            JsonNode json = this.http.tree(ApiRequest.of("dlq.deleteMany", HttpMethod.DELETE, "/v2/dlq",
                    filter.toQuery(cursorParameter(cursor))));
            deleted += json.path("deleted").asInt(0);
            cursor = guard.next(text(json.get("cursor")));
        }
        while (cursor != null);
        return deleted;
    }

    /**
     * Publishes one entry again as a new message and removes it from the DLQ:
     * {@code POST /v2/dlq/retry/<dlqId>}.
     * @param dlqId the DLQ id
     * @return the new message
     */
    public PublishResult retry(String dlqId) {
        return this.http.read(ApiRequest.of("dlq.retry", HttpMethod.POST, "/v2/dlq/retry/" + ApiRequest.segment(dlqId)),
                PublishResult.class);
    }

    /**
     * Publishes the entries a filter selects again: {@code POST /v2/dlq/retry?<filter>},
     * repeated with the returned cursor until QStash returns none.
     * @param filter which entries; {@link DlqFilter#dlqIds} for exact ones, empty for all
     * @return the new messages
     */
    public List<PublishResult> retry(DlqFilter filter) {
        List<PublishResult> results = new ArrayList<>();
        CursorGuard guard = new CursorGuard("dlq.retryMany");
        String cursor = null;
        do {
            JsonNode json = this.http.tree(ApiRequest.of("dlq.retryMany", HttpMethod.POST, "/v2/dlq/retry",
                    filter.toQuery(cursorParameter(cursor))));
            results.addAll(this.http.list(json.get("responses"), PublishResult.class));
            cursor = guard.next(text(json.get("cursor")));
        }
        while (cursor != null);
        return results;
    }

    static Map<String, String> cursorParameter(@Nullable String cursor) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (cursor != null) {
            parameters.put("cursor", cursor);
        }
        return parameters;
    }

    static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asString();
        return text.isEmpty() ? null : text;
    }

    private static String path(String dlqId) {
        return "/v2/dlq/" + ApiRequest.segment(dlqId);
    }

}
