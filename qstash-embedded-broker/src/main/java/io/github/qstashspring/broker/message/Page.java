package io.github.qstashspring.broker.message;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a listing.
 *
 * @param <T> the item type
 * @param items the items
 * @param cursor the cursor of the next page, or {@code null} at the end
 */
public record Page<T>(List<T> items, @Nullable String cursor) {

    static <T> Page<T> of(@Nullable List<T> found, int count, Function<T, String> cursorOf) {
        List<T> items = (found != null) ? found : List.of();
        if (items.size() <= count) {
            return new Page<>(items, null);
        }
        List<T> page = items.subList(0, count);
        return new Page<>(page, cursorOf.apply(page.get(count - 1)));
    }

    static @Nullable Long parseCursor(@Nullable String cursor) {
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
}
