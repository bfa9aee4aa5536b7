package io.github.qstashspring.client;

/**
 * Selects log entries ({@code GET /v2/events?...}). An empty filter selects every entry.
 *
 * <pre>{@code
 * CursorPage<LogEntry> page = template.logs().list(new LogFilter().state("FAILED").count(50), null);
 * }</pre>
 */
public final class LogFilter extends QStashFilter<LogFilter> {

    /** Creates an empty filter (matches every entry). */
    public LogFilter() {
    }

    /**
     * Only entries of these messages ({@code messageIds}, repeated).
     * @param messageIds the message ids
     * @return this filter
     */
    public LogFilter messageIds(String... messageIds) {
        return add("messageIds", messageIds);
    }

    /**
     * Only entries in this state ({@code state}), e.g. {@code DELIVERED}, {@code FAILED},
     * {@code IN_PROGRESS}.
     * @param state the state
     * @return this filter
     */
    public LogFilter state(String state) {
        return add("state", state);
    }

    /**
     * Only entries for this destination host ({@code host}).
     * @param host the host
     * @return this filter
     */
    public LogFilter host(String host) {
        return add("host", host);
    }

    /**
     * Only entries for this destination path ({@code path}).
     * @param path the path
     * @return this filter
     */
    public LogFilter path(String path) {
        return add("path", path);
    }

}
