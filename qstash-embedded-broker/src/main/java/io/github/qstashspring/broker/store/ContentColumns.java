package io.github.qstashspring.broker.store;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/**
 * The columns of what was sent and answered, which {@code qs_message} (the message, and
 * the last response of a dead-lettered one) and {@code qs_log} (a {@code CREATED} entry's
 * message, an {@code ERROR} entry's response) share, declared once: embedded in
 * {@link MessageEntity} and {@link LogEntity}, and bound here for the JDBC inserts.
 */
@Embeddable
class ContentColumns {

    /** The column names, in the order {@link #bind} binds them. */
    static final String NAMES = "headers, body, response_status, response_headers, response_body";

    /** How many columns {@link #NAMES} lists. */
    static final int COUNT = 5;

    private static final HeaderMapConverter HEADERS = new HeaderMapConverter();

    @Convert(converter = HeaderMapConverter.class)
    @Column(name = "headers")
    private Map<String, List<String>> headers = new LinkedHashMap<>();

    @Column(name = "body")
    private byte @Nullable [] body;

    @Column(name = "response_status")
    private @Nullable Integer responseStatus;

    @Convert(converter = HeaderMapConverter.class)
    @Column(name = "response_headers")
    private Map<String, List<String>> responseHeaders = new LinkedHashMap<>();

    @Column(name = "response_body")
    private byte @Nullable [] responseBody;

    /**
     * The columns of an entity, which Hibernate leaves {@code null} when they are all
     * empty.
     * @param columns the embedded columns, or {@code null}
     * @return the columns, never {@code null}
     */
    static ContentColumns of(@Nullable ContentColumns columns) {
        return (columns != null) ? columns : new ContentColumns();
    }

    Map<String, List<String>> headers() {
        return (this.headers != null) ? this.headers : new LinkedHashMap<>();
    }

    byte @Nullable [] body() {
        return this.body;
    }

    @Nullable Integer responseStatus() {
        return this.responseStatus;
    }

    Map<String, List<String>> responseHeaders() {
        return (this.responseHeaders != null) ? this.responseHeaders : new LinkedHashMap<>();
    }

    byte @Nullable [] responseBody() {
        return this.responseBody;
    }

    /**
     * Sets the response columns.
     * @param status the status, or {@code null}
     * @param headers the headers
     * @param body the body, or {@code null}
     */
    void respond(@Nullable Integer status, Map<String, List<String>> headers, byte @Nullable [] body) {
        this.responseStatus = status;
        this.responseHeaders = headers;
        this.responseBody = body;
    }

    /**
     * Binds the columns of {@link #NAMES}.
     * @param parameters the statement's parameters
     * @param headers the sent headers
     * @param body the sent body, or {@code null}
     * @param responseStatus the response status, or {@code null}
     * @param responseHeaders the response headers
     * @param responseBody the response body, or {@code null}
     * @return the parameters, for the columns that follow
     * @throws SQLException when a value cannot be bound
     */
    static Parameters bind(Parameters parameters, Map<String, List<String>> headers, byte @Nullable [] body,
            @Nullable Integer responseStatus, Map<String, List<String>> responseHeaders, byte @Nullable [] responseBody)
            throws SQLException {
        return parameters.string(HEADERS.convertToDatabaseColumn(headers))
            .bytes(body)
            .integer(responseStatus)
            .string(HEADERS.convertToDatabaseColumn(responseHeaders))
            .bytes(responseBody);
    }

}
