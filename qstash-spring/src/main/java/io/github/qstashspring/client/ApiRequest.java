package io.github.qstashspring.client;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

/** One QStash API call about to be made: method, path (with query), headers and body. */
final class ApiRequest {

    final String operation;

    final HttpMethod method;

    final String pathAndQuery;

    DestinationKind destinationKind = DestinationKind.NONE;

    @Nullable String destination;

    final Map<String, String> headers = new LinkedHashMap<>();

    byte @Nullable [] body;

    @Nullable String contentType;

    private ApiRequest(String operation, HttpMethod method, String pathAndQuery) {
        this.operation = operation;
        this.method = method;
        this.pathAndQuery = pathAndQuery;
    }

    /**
     * A call of {@code path}, appended raw to the base URL.
     */
    static ApiRequest of(String operation, HttpMethod method, String path) {
        return new ApiRequest(operation, method, path);
    }

    /** A call of {@code path} with a query string, which may be empty. */
    static ApiRequest of(String operation, HttpMethod method, String path, String query) {
        return new ApiRequest(operation, method, query.isEmpty() ? path : path + "?" + query);
    }

    /**
     * A resource name or id as one path segment (names only use letters, digits, - _ .).
     */
    static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    ApiRequest destination(DestinationKind kind, @Nullable String destination) {
        this.destinationKind = kind;
        this.destination = destination;
        return this;
    }

    ApiRequest headers(Map<String, String> headers) {
        this.headers.putAll(headers);
        return this;
    }

    ApiRequest body(byte[] body, @Nullable String contentType) {
        this.body = body;
        this.contentType = contentType;
        return this;
    }

}
