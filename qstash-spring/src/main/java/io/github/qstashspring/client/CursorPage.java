package io.github.qstashspring.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a cursor-paged list (DLQ, logs).
 *
 * @param items the entries of this page
 * @param cursor the cursor of the next page, or {@code null} when this is the last page
 * @param <T> the entry type
 */
public record CursorPage<T>(List<T> items, @Nullable String cursor) {

    /**
     * Creates a page; an empty cursor means "no more pages", as QStash sends it.
     * @param items the entries
     * @param cursor the next cursor
     */
    public CursorPage {
        items = List.copyOf(items);
        cursor = (cursor == null || cursor.isEmpty()) ? null : cursor;
    }

    /**
     * Whether another page follows.
     * @return {@code true} when {@link #cursor()} is set
     */
    public boolean hasNext() {
        return this.cursor != null;
    }
}
