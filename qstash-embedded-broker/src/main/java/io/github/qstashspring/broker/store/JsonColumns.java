package io.github.qstashspring.broker.store;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON text conversion of structured columns. */
final class JsonColumns {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static @Nullable String write(@Nullable Object value) {
        return (value != null) ? MAPPER.writeValueAsString(value) : null;
    }

}
