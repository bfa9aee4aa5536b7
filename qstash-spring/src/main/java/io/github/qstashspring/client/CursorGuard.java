package io.github.qstashspring.client;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Bounds a walk over cursor-paged results: a server that keeps answering with a cursor,
 * or answers the same cursor twice, ends the walk with an exception instead of keeping
 * the caller in a loop.
 */
final class CursorGuard {

    /** At most this many pages in one walk (a million entries at QStash's page size). */
    static final int MAX_PAGES = 10_000;

    private final String operation;

    private int pages;

    private @Nullable String previous;

    CursorGuard(String operation) {
        this.operation = operation;
    }

    /**
     * Records that a page was fetched and returns the cursor of the next one.
     * @param cursor the cursor the page answered, {@code null} on the last page
     * @return the same cursor
     * @throws QStashException when the cursor repeats the previous one or the walk
     * exceeds {@link #MAX_PAGES} pages
     */
    @Nullable String next(@Nullable String cursor) {
        this.pages++;
        if (cursor == null) {
            return null;
        }
        if (Objects.equals(cursor, this.previous)) {
            throw new QStashException(this.operation + ": the server answered the same cursor twice", null);
        }
        if (this.pages >= MAX_PAGES) {
            throw new QStashException(this.operation + ": still more pages after " + MAX_PAGES + " pages", null);
        }
        this.previous = cursor;
        return cursor;
    }

}
