package io.github.qstashspring.client;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Logs: every state change of every message. Obtained from
 * {@link QStashOperations#logs()}.
 */
public final class QStashLogs {

    private final QStashHttp http;

    QStashLogs(QStashHttp http) {
        this.http = http;
    }

    /**
     * Reads the first page: {@code GET /v2/events?<filter>}.
     * @param filter which entries, and the page size
     * @return the page with the cursor of the next one
     */
    public CursorPage<LogEntry> list(LogFilter filter) {
        return list(filter, null);
    }

    /**
     * Reads one page: {@code GET /v2/events?<filter>&cursor=<cursor>} (the path all SDKs
     * use; the entries are read from {@code events}, or {@code logs} when absent).
     * @param filter which entries, and the page size ({@link LogFilter#count})
     * @param cursor the cursor of the previous page, {@code null} for the first page
     * @return the page with the cursor of the next one
     */
    public CursorPage<LogEntry> list(LogFilter filter, @Nullable String cursor) {
        JsonNode json = this.http.tree(ApiRequest.of("logs.list", HttpMethod.GET, "/v2/events",
                filter.toQuery(QStashDlq.cursorParameter(cursor))));
        JsonNode entries = json.has("events") ? json.get("events") : json.get("logs");
        return new CursorPage<>(this.http.list(entries, LogEntry.class), QStashDlq.text(json.get("cursor")));
    }

    /**
     * All entries the filter selects, fetched page by page as the iteration proceeds.
     * @param filter which entries
     * @return a lazily paging iterable
     */
    public Iterable<LogEntry> listAll(LogFilter filter) {
        return new CursorIterable<>("logs.list", (cursor) -> list(filter, cursor));
    }

}
