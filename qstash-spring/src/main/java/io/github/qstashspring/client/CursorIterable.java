package io.github.qstashspring.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Iterates over all entries of a cursor-paged list, fetching the next page only when
 * needed; a server that repeats a cursor or never stops answering one ends the iteration
 * with a {@link QStashException} (see {@link CursorGuard}).
 */
final class CursorIterable<T> implements Iterable<T> {

    private final String operation;

    private final Function<@Nullable String, CursorPage<T>> fetcher;

    CursorIterable(String operation, Function<@Nullable String, CursorPage<T>> fetcher) {
        this.operation = operation;
        this.fetcher = fetcher;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {

            private final CursorGuard guard = new CursorGuard(CursorIterable.this.operation);

            private @Nullable CursorPage<T> page;

            private int index;

            @Override
            public boolean hasNext() {
                while (this.page == null || (this.index >= this.page.items().size() && this.page.hasNext())) {
                    String cursor = (this.page != null) ? this.page.cursor() : null;
                    this.page = CursorIterable.this.fetcher.apply(cursor);
                    this.guard.next(this.page.cursor());
                    this.index = 0;
                }
                return this.index < this.page.items().size();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return this.page.items().get(this.index++);
            }
        };
    }

}
