package io.github.qstashspring.broker.store;

import io.github.qstashspring.broker.store.StoredMessage.CallbackOptions;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;

/** Stores {@link CallbackOptions} as JSON text. */
@Converter
class CallbackOptionsConverter implements AttributeConverter<CallbackOptions, String> {

    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable CallbackOptions attribute) {
        return JsonColumns.write(attribute);
    }

    @Override
    public @Nullable CallbackOptions convertToEntityAttribute(@Nullable String column) {
        return (column != null) ? JsonColumns.MAPPER.readValue(column, CallbackOptions.class) : null;
    }

}
