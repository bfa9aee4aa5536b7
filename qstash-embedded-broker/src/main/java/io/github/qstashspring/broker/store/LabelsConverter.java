package io.github.qstashspring.broker.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Stores labels as {@code ,a,b,}: the surrounding commas let a filter match one label
 * with {@code LIKE '%,a,%'}.
 */
final class LabelsConverter {

    @Nullable String convertToDatabaseColumn(@Nullable List<String> attribute) {
        return (attribute == null || attribute.isEmpty()) ? null : "," + String.join(",", attribute) + ",";
    }

    List<String> convertToEntityAttribute(@Nullable String column) {
        if (column == null || column.length() < 2) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.asList(column.substring(1, column.length() - 1).split(",")));
    }

    /**
     * The pattern that matches a stored column holding the given label.
     * @param label one label
     * @return the {@code LIKE} pattern
     */
    static String likePattern(String label) {
        return "%," + label + ",%";
    }

}
