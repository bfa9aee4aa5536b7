package io.github.qstashspring.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper for the JSON of the QStash API itself: ignores unknown fields (QStash adds
 * fields over time), tolerates nulls for primitives and single values where arrays are
 * expected (a header as {@code "v"} instead of {@code ["v"]}), and reads numeric
 * timestamps as Unix milliseconds.
 */
final class WireJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
        .build();

    private WireJson() {
    }

    static JsonMapper mapper() {
        return MAPPER;
    }

}
