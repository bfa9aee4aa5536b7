package io.github.qstashspring.broker.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;

/** Stores a header map ({@code {"Name": ["value"]}}) as JSON text. */
@Converter
class HeaderMapConverter implements AttributeConverter<Map<String, List<String>>, String> {

    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable Map<String, List<String>> attribute) {
        return (attribute == null || attribute.isEmpty()) ? null : JsonColumns.write(attribute);
    }

    @Override
    public Map<String, List<String>> convertToEntityAttribute(@Nullable String column) {
        return (column != null) ? JsonColumns.MAPPER.readValue(column, JsonColumns.HEADERS) : new LinkedHashMap<>();
    }

}
