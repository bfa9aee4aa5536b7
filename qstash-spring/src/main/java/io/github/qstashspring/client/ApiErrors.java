package io.github.qstashspring.client;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Maps an error answer of QStash to the exception family. */
final class ApiErrors {

    private final JsonMapper mapper;

    ApiErrors(JsonMapper mapper) {
        this.mapper = mapper;
    }

    QStashApiException toException(int status, HttpHeaders headers, byte[] body) {
        String error = errorText(status, body);
        if (status != 429) {
            return new QStashApiException(status, error);
        }
        if (headers.containsHeader("RateLimit-Limit")) {
            return new QStashDailyRateLimitException(error, number(headers, "RateLimit-Limit"),
                    number(headers, "RateLimit-Remaining"), number(headers, "RateLimit-Reset"));
        }
        if (headers.containsHeader("Burst-RateLimit-Limit")) {
            return new QStashBurstRateLimitException(error, number(headers, "Burst-RateLimit-Limit"),
                    number(headers, "Burst-RateLimit-Remaining"), number(headers, "Burst-RateLimit-Reset"));
        }
        return new QStashRateLimitException(error, null, null, null);
    }

    private String errorText(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return "status=" + status;
        }
        try {
            JsonNode json = this.mapper.readTree(text);
            JsonNode error = json.get("error");
            if (error != null && error.isString()) {
                return error.asString();
            }
        }
        catch (JacksonException ex) {
            // not JSON: the raw text is the error
        }
        return text;
    }

    private static @Nullable Long number(HttpHeaders headers, String name) {
        String value = headers.getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

}
