package io.github.qstashspring.broker.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One API request and its response, as every resource handles them: the method check, the
 * raw path's segments and the query parameters, the headers, the body within the
 * configured limits, JSON in and out. Errors are thrown as {@link BrokerException}; the
 * router answers them with QStash's {@code {"error":"..."}}.
 */
public final class ApiExchange {

    private final HttpServletRequest request;

    private final HttpServletResponse response;

    private final String method;

    private final RawPath path;

    private final QueryParameters query;

    private final JsonMapper json;

    private final RequestLimits limits;

    private final long maxBodySize;

    private final long maxBatchSize;

    private final boolean readOnly;

    ApiExchange(HttpServletRequest request, HttpServletResponse response, RawPath path, QueryParameters query,
            JsonMapper json, RequestLimits limits, long maxBodySize, long maxBatchSize, boolean readOnly) {
        this.request = request;
        this.response = response;
        this.method = request.getMethod().toUpperCase(Locale.ROOT);
        this.path = path;
        this.query = query;
        this.json = json;
        this.limits = limits;
        this.maxBodySize = maxBodySize;
        this.maxBatchSize = maxBatchSize;
        this.readOnly = readOnly;
    }

    /**
     * @return whether the request was made with the read-only token: it only reads, and
     * sees sensitive headers redacted
     */
    public boolean isReadOnly() {
        return this.readOnly;
    }

    /**
     * @return the request method, upper case
     */
    public String method() {
        return this.method;
    }

    /**
     * Accepts only the given methods.
     * @param allowed the methods
     * @throws BrokerException 405 for any other method
     */
    public void requireMethod(String... allowed) {
        if (!List.of(allowed).contains(this.method)) {
            throw new BrokerException(405, "method " + this.method + " not allowed here");
        }
    }

    /**
     * @return the number of segments of the raw path ({@code /v2/queues/q} has 3; a
     * trailing {@code /} does not count)
     */
    public int segments() {
        return this.path.size();
    }

    /**
     * A segment of the raw path, lower case (for fixed names, which match in any case).
     * @param index its index, from 0 ({@code v2})
     * @return the segment
     */
    public String segment(int index) {
        return this.path.lower(index);
    }

    /**
     * A segment of the path, URL-decoded (for names and ids).
     * @param index its index, from 0
     * @return the decoded segment
     */
    public String decodedSegment(int index) {
        return this.path.decoded(index);
    }

    /**
     * The destination in the path, verbatim (so {@code https://a//b} survives), with the
     * request's query string minus QStash's own parameters.
     * @param segments how many segments precede it
     * @return the destination
     */
    public String destination(int segments) {
        String destination = this.path.remainderAfter(segments);
        String destinationQuery = this.query.destinationQuery();
        return destinationQuery.isEmpty() ? destination : destination + "?" + destinationQuery;
    }

    /**
     * @return a 404 naming the request's path, to throw
     */
    public BrokerException notFound() {
        return BrokerException.notFound("not found: " + this.request.getRequestURI());
    }

    /**
     * The first value of a query parameter.
     * @param name the parameter
     * @return the value, or {@code null}
     */
    public @Nullable String parameter(String name) {
        return this.query.first(name);
    }

    /**
     * All values of query parameters, repeated or comma-joined, blanks dropped.
     * @param names the parameter and its other spellings
     * @return the values
     */
    public List<String> parameters(String... names) {
        return this.query.all(names);
    }

    /**
     * An integer query parameter.
     * @param name the parameter
     * @return the value, or {@code null}
     * @throws BrokerException 400 when it is not an integer
     */
    public @Nullable Integer integerParameter(String name) {
        return this.query.integer(name);
    }

    /**
     * A long query parameter.
     * @param name the parameter
     * @return the value, or {@code null}
     * @throws BrokerException 400 when it is not an integer
     */
    public @Nullable Long longParameter(String name) {
        return this.query.longValue(name);
    }

    /**
     * @return the request target as received: raw path and, if any, {@code ?} and the raw
     * query
     */
    public String target() {
        String query = this.request.getQueryString();
        return this.request.getRequestURI() + ((query != null) ? "?" + query : "");
    }

    /**
     * @return the scheme the request arrived with ({@code http} or {@code https})
     */
    public String scheme() {
        return this.request.getScheme();
    }

    /**
     * @return the request headers
     */
    public RequestHeaders headers() {
        RequestHeaders headers = new RequestHeaders();
        for (String name : Collections.list(this.request.getHeaderNames())) {
            for (String value : Collections.list(this.request.getHeaders(name))) {
                headers.add(name, value);
            }
        }
        return headers;
    }

    /**
     * @return the request headers and the QStash configuration given as query parameters
     * ({@code upstash-*}), which the headers override
     */
    public RequestHeaders configuration() {
        RequestHeaders headers = headers();
        for (String[] parameter : this.query.configuration()) {
            headers.addIfAbsent(parameter[0], parameter[1]);
        }
        return headers;
    }

    /**
     * @return the caller's address
     */
    public String callerIp() {
        return this.request.getRemoteAddr();
    }

    /**
     * @return the largest message body
     */
    public long maxBodySize() {
        return this.maxBodySize;
    }

    /**
     * Reads the body, at most {@link #maxBodySize()} bytes.
     * @return the raw body
     * @throws IOException when the client connection fails
     * @throws BrokerException 413 when it is larger
     */
    public byte[] body() throws IOException {
        return body(this.maxBodySize);
    }

    /**
     * Reads the body of a batch, at most the larger of the batch and message limits.
     * @return the raw body
     * @throws IOException when the client connection fails
     * @throws BrokerException 413 when it is larger
     */
    public byte[] batchBody() throws IOException {
        return body(Math.max(this.maxBodySize, this.maxBatchSize));
    }

    private byte[] body(long limit) throws IOException {
        long declared = this.request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = this.request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    private static BrokerException tooLarge(long limit) {
        return new BrokerException(413, "request body exceeds the maximum of " + limit + " bytes");
    }

    /**
     * Reads JSON.
     * @param body the JSON text
     * @return the tree, or {@code null} for an empty body
     */
    public @Nullable JsonNode json(byte[] body) {
        return (body.length > 0) ? this.json.readTree(body) : null;
    }

    /**
     * Reads a body that is empty or a JSON object.
     * @return the object, or {@code null} for an empty body
     * @throws IOException when the client connection fails
     * @throws BrokerException 400 when it is JSON but not an object
     */
    public @Nullable JsonNode jsonObjectBody() throws IOException {
        byte[] body = body();
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode node = this.json.readTree(body);
        if (!node.isObject()) {
            throw BrokerException.badRequest("body must be a JSON object");
        }
        return node;
    }

    /**
     * Counts messages about to be accepted against the daily quota.
     * @param count how many messages the request publishes
     * @throws BrokerException 429 when they do not fit
     */
    public void admitMessages(int count) {
        this.limits.admitMessages(count);
    }

    /**
     * Answers with a JSON body.
     * @param status the status
     * @param body the body (maps, lists and simple values)
     * @throws IOException when the client connection fails
     */
    public void respond(int status, Object body) throws IOException {
        this.response.setStatus(status);
        this.response.setContentType("application/json");
        this.json.writeValue(this.response.getOutputStream(), body);
    }

    /**
     * Answers with a status and no body.
     * @param status the status
     */
    public void respond(int status) {
        this.response.setStatus(status);
    }

}
