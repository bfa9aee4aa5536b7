package io.github.qstashspring.client;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link ApiRequest}s to QStash through Spring's {@link ClientHttpRequestFactory}:
 * absolute URIs built by string concatenation (destinations stay raw), bearer token, body
 * written by Spring's {@link ByteArrayHttpMessageConverter}, transport retries on network
 * errors ({@link IOException}s) only, error statuses mapped to exceptions, every call
 * wrapped by the {@link QStashApiCallObserver}. JSON of the QStash API is read and
 * written with a tolerant mapper of its own, independent of the application's mapper.
 */
final class QStashHttp {

    private static final ByteArrayHttpMessageConverter BODY_WRITER = new ByteArrayHttpMessageConverter();

    private final String baseUrl;

    private final String authorization;

    private final ClientHttpRequestFactory requestFactory;

    private final TransportRetryPolicy retryPolicy;

    private final QStashApiCallObserver observer;

    private final JsonMapper wireMapper;

    private final JsonMapper payloadMapper;

    private final ApiErrors errors;

    QStashHttp(String baseUrl, String token, ClientHttpRequestFactory requestFactory, TransportRetryPolicy retryPolicy,
            QStashApiCallObserver observer, JsonMapper payloadMapper) {
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + token;
        this.requestFactory = requestFactory;
        this.retryPolicy = retryPolicy;
        this.observer = observer;
        this.wireMapper = WireJson.mapper();
        this.payloadMapper = payloadMapper;
        this.errors = new ApiErrors(this.wireMapper);
    }

    /** The application's mapper, for message payloads given with {@code json(...)}. */
    JsonMapper payloadMapper() {
        return this.payloadMapper;
    }

    /** Serialises a request body of the QStash API itself. */
    ApiRequest withJson(ApiRequest request, Object body) {
        return request.body(this.wireMapper.writeValueAsBytes(body), MediaType.APPLICATION_JSON_VALUE);
    }

    /** Performs the call, ignoring the response body. */
    void send(ApiRequest request) {
        execute(request);
    }

    /** Performs the call and returns the response body as it came. */
    byte[] bytes(ApiRequest request) {
        return execute(request);
    }

    /** Performs the call and reads the response as {@code type}. */
    <T> T read(ApiRequest request, Class<T> type) {
        return this.wireMapper.readValue(execute(request), type);
    }

    /** Performs the call and reads the response as a JSON array of {@code type}. */
    <T> List<T> readList(ApiRequest request, Class<T> type) {
        return list(tree(request), type);
    }

    /**
     * Performs the call and reads the response as a JSON tree ({@code null} for an empty
     * body).
     */
    @Nullable JsonNode treeOrNull(ApiRequest request) {
        byte[] body = execute(request);
        return (body.length == 0) ? null : this.wireMapper.readTree(body);
    }

    /** Performs the call and reads the response as a JSON tree. */
    JsonNode tree(ApiRequest request) {
        return this.wireMapper.readTree(execute(request));
    }

    <T> T convert(JsonNode node, Class<T> type) {
        return this.wireMapper.treeToValue(node, type);
    }

    <T> List<T> list(@Nullable JsonNode array, Class<T> type) {
        List<T> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach((element) -> result.add(convert(element, type)));
        }
        return result;
    }

    /**
     * A publish answer: a single object for a URL, a bare array for a URL group, an
     * {@code {"error":...}} object for a rejected batch entry.
     */
    PublishResponse publishResponse(JsonNode node) {
        if (node.isArray()) {
            return new PublishResponse(list(node, PublishResult.class));
        }
        if (!node.has("messageId") && node.has("error")) {
            return new PublishResponse(List.of(), node.get("error").asString());
        }
        return new PublishResponse(List.of(convert(node, PublishResult.class)));
    }

    private byte[] execute(ApiRequest request) {
        URI uri = uri(request);
        QStashApiCall call = new QStashApiCall(request.operation, request.destinationKind, request.destination,
                request.method.name(), uri);
        return this.observer.observe(call, () -> executeWithRetries(request, uri)).body();
    }

    private URI uri(ApiRequest request) {
        try {
            return new URI(this.baseUrl + request.pathAndQuery);
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("Cannot call QStash " + request.operation + ": '" + this.baseUrl
                    + request.pathAndQuery + "' is not a valid URI (" + ex.getReason()
                    + "); percent-encode the destination's special characters", ex);
        }
    }

    private QStashApiResponse executeWithRetries(ApiRequest request, URI uri) {
        for (int retry = 0;; retry++) {
            try {
                return exchange(request, uri);
            }
            catch (IOException ex) {
                if (retry >= this.retryPolicy.maxRetries()) {
                    throw new QStashConnectionException("QStash " + request.operation + " failed on the network after "
                            + (retry + 1) + " attempt(s) (" + this.baseUrl + "): " + ex, ex);
                }
                pause(this.retryPolicy.backoff(retry), request, ex);
            }
        }
    }

    private QStashApiResponse exchange(ApiRequest request, URI uri) throws IOException {
        ClientHttpRequest http = this.requestFactory.createRequest(uri, request.method);
        HttpHeaders headers = http.getHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, this.authorization);
        request.headers.forEach(headers::set);
        if (request.contentType != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, request.contentType);
        }
        if (request.body != null && (request.body.length > 0 || request.contentType != null)) {
            BODY_WRITER.write(request.body, null, http);
        }
        try (ClientHttpResponse response = http.execute()) {
            byte[] body = response.getBody().readAllBytes();
            int status = response.getStatusCode().value();
            if (status >= 300) {
                throw this.errors.toException(status, response.getHeaders(), body);
            }
            return new QStashApiResponse(status, body);
        }
    }

    private static void pause(Duration backoff, ApiRequest request, IOException cause) {
        try {
            Thread.sleep(backoff.toMillis(), (int) (backoff.toNanos() % 1_000_000));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new QStashConnectionException("Interrupted while waiting to retry QStash " + request.operation,
                    cause);
        }
    }

}
