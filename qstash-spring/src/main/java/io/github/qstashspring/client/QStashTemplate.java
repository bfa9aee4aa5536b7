package io.github.qstashspring.client;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link QStashOperations}: Spring's {@code ClientHttpRequestFactory} over
 * Apache HttpClient 5 when it is on the class path, the JDK {@code HttpClient} otherwise
 * (HTTP/1.1, no redirects; see {@link HttpTransport}),
 * {@code Authorization: Bearer <token>} on every call, transport retries on network
 * errors only. Thread-safe; build one per QStash account. Spring Boot creates it from the
 * {@code qstash.*} properties; without Spring:
 *
 * <pre>{@code
 * QStashTemplate template = QStashTemplate.builder()
 *     .token(System.getenv("QSTASH_TOKEN"))
 *     .build();
 * template.publish(PublishRequest.to("https://my.app/orders").json(order));
 * }</pre>
 */
public final class QStashTemplate implements QStashOperations, AutoCloseable {

    /** Default base URL of QStash: the EU region. */
    public static final String DEFAULT_URL = "https://qstash.upstash.io";

    private final QStashHttp http;

    private final QStashSchedules schedules;

    private final QStashUrlGroups urlGroups;

    private final QStashQueues queues;

    private final QStashMessages messages;

    private final QStashDlq dlq;

    private final QStashLogs logs;

    private final QStashSigningKeys signingKeys;

    private final QStashFlowControl flowControl;

    private final QStashWorkflows workflows;

    private final @Nullable ClientHttpRequestFactory ownedRequestFactory;

    private QStashTemplate(QStashHttp http, @Nullable ClientHttpRequestFactory ownedRequestFactory) {
        this.http = http;
        this.ownedRequestFactory = ownedRequestFactory;
        this.schedules = new QStashSchedules(http);
        this.urlGroups = new QStashUrlGroups(http);
        this.queues = new QStashQueues(http);
        this.messages = new QStashMessages(http);
        this.dlq = new QStashDlq(http);
        this.logs = new QStashLogs(http);
        this.signingKeys = new QStashSigningKeys(http);
        this.flowControl = new QStashFlowControl(http);
        this.workflows = new QStashWorkflows(http, this::batch);
    }

    /**
     * Closes the HTTP client this template created itself (its pool of connections to
     * QStash); a request factory given to {@link Builder#requestFactory} belongs to the
     * caller and is left open. Spring calls this when the application context closes. The
     * template cannot send afterwards.
     */
    @Override
    public void close() {
        if (this.ownedRequestFactory instanceof DisposableBean disposable) {
            try {
                disposable.destroy();
            }
            catch (Exception ex) {
                throw new IllegalStateException("Closing the QStash client's HTTP client failed", ex);
            }
        }
    }

    /**
     * A builder with QStash's defaults (EU URL, HTTP client {@link HttpTransport#DETECT
     * detected}, 5 s connect and 60 s read timeout, 5 transport retries with a 50 ms
     * backoff base, no observation).
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PublishResponse publish(PublishRequest request) {
        String queue = request.getQueueName();
        String path = (queue != null) ? "/v2/enqueue/" + ApiRequest.segment(queue) + "/" : "/v2/publish/";
        ApiRequest api = ApiRequest
            .of((queue != null) ? "enqueue" : "publish", HttpMethod.POST, path + request.getDestination())
            .destination(request.destinationKind(), request.getDestination())
            .headers(request.upstashHeaders())
            .body(request.resolveBody(this.http.payloadMapper()), request.resolveContentType());
        return this.http.publishResponse(this.http.tree(api));
    }

    @Override
    public PublishResponse publishJson(String url, Object payload) {
        return publish(PublishRequest.to(url).json(payload));
    }

    @Override
    public List<PublishResponse> batch(List<PublishRequest> requests) {
        List<Map<String, Object>> entries = new ArrayList<>(requests.size());
        for (PublishRequest request : requests) {
            entries.add(batchEntry(request));
        }
        ApiRequest api = this.http.withJson(
                ApiRequest.of("batch", HttpMethod.POST, "/v2/batch").destination(DestinationKind.MIXED, null), entries);
        JsonNode json = this.http.tree(api);
        List<PublishResponse> responses = new ArrayList<>();
        if (json.isArray()) {
            json.forEach((element) -> responses.add(this.http.publishResponse(element)));
        }
        else {
            responses.add(this.http.publishResponse(json));
        }
        return responses;
    }

    private Map<String, Object> batchEntry(PublishRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = request.resolveContentType();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.putAll(request.upstashHeaders());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("destination", request.getDestination());
        entry.put("headers", headers);
        entry.put("body", utf8(request.resolveBody(this.http.payloadMapper()), request.getDestination()));
        if (request.getQueueName() != null) {
            entry.put("queue", request.getQueueName());
        }
        return entry;
    }

    private static String utf8(byte[] body, String destination) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
        }
        catch (CharacterCodingException ex) {
            throw new IllegalArgumentException("A batch carries bodies as JSON strings: the body for " + destination
                    + " is not UTF-8 text; publish it on its own", ex);
        }
    }

    @Override
    public QStashSchedules schedules() {
        return this.schedules;
    }

    @Override
    public QStashUrlGroups urlGroups() {
        return this.urlGroups;
    }

    @Override
    public QStashQueues queues() {
        return this.queues;
    }

    @Override
    public QStashMessages messages() {
        return this.messages;
    }

    @Override
    public QStashDlq dlq() {
        return this.dlq;
    }

    @Override
    public QStashLogs logs() {
        return this.logs;
    }

    @Override
    public QStashSigningKeys signingKeys() {
        return this.signingKeys;
    }

    @Override
    public QStashFlowControl flowControl() {
        return this.flowControl;
    }

    @Override
    public QStashWorkflows workflows() {
        return this.workflows;
    }

    /** Builds a {@link QStashTemplate}; only the token is required. */
    public static final class Builder {

        /** Default of {@link #maxConnections(int)}. */
        public static final int DEFAULT_MAX_CONNECTIONS = 100;

        private String url = DEFAULT_URL;

        private @Nullable String token;

        private @Nullable JsonMapper jsonMapper;

        private Duration connectTimeout = Duration.ofSeconds(5);

        private Duration readTimeout = Duration.ofSeconds(60);

        private TransportRetryPolicy retryPolicy = TransportRetryPolicy.defaults();

        private QStashApiCallObserver observer = QStashApiCallObserver.NOOP;

        private HttpTransport httpTransport = HttpTransport.DETECT;

        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private @Nullable ClientHttpRequestFactory requestFactory;

        private Builder() {
        }

        /**
         * Base URL of the QStash API, without {@code /v2}; a trailing {@code /} is
         * removed.
         * @param url e.g. {@code https://qstash-us-east-1.upstash.io}
         * @return this builder
         */
        public Builder url(String url) {
            String trimmed = url.trim();
            this.url = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
            return this;
        }

        /**
         * The QStash token, sent as {@code Authorization: Bearer <token>}.
         * @param token the token
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * The mapper that serialises payloads given with {@code json(...)}; Spring Boot
         * passes the application's {@code JsonMapper}. Defaults to a plain
         * {@code JsonMapper}.
         * @param jsonMapper the mapper
         * @return this builder
         */
        public Builder jsonMapper(JsonMapper jsonMapper) {
            this.jsonMapper = jsonMapper;
            return this;
        }

        /**
         * Time allowed to open a connection, and with HttpClient 5 to wait for a free
         * pooled one (ignored when a request factory is given).
         * @param connectTimeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * Time allowed for QStash to answer one request (ignored when a request factory
         * is given).
         * @param readTimeout the timeout
         * @return this builder
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /**
         * Transport retries on network errors; {@link TransportRetryPolicy#none()}
         * disables them.
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(TransportRetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /**
         * Wraps every API call, e.g. in a Micrometer observation.
         * @param observer the observer
         * @return this builder
         */
        public Builder observer(QStashApiCallObserver observer) {
            this.observer = observer;
            return this;
        }

        /**
         * The HTTP client to send requests with (ignored when a request factory is
         * given). Defaults to {@link HttpTransport#DETECT}: Apache HttpClient 5 when it
         * is on the class path, the JDK {@code HttpClient} otherwise.
         * @param httpTransport the HTTP client
         * @return this builder
         */
        public Builder httpTransport(HttpTransport httpTransport) {
            this.httpTransport = httpTransport;
            return this;
        }

        /**
         * The most connections Apache HttpClient 5 keeps open to QStash; a call that
         * finds them all busy waits up to the connect timeout for one. Ignored by the JDK
         * client, which opens as many as there are concurrent calls, and when a request
         * factory is given.
         * @param maxConnections at least 1; defaults to {@value #DEFAULT_MAX_CONNECTIONS}
         * @return this builder
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Replaces the HTTP layer, instead of the one {@link #httpTransport} chooses. It
         * must send the URI's raw path unchanged (no {@code //} collapsing) and allow a
         * body on DELETE; the JDK and Apache HttpClient 5 factories do.
         * @param requestFactory the request factory
         * @return this builder
         */
        public Builder requestFactory(ClientHttpRequestFactory requestFactory) {
            this.requestFactory = requestFactory;
            return this;
        }

        /**
         * Builds the template.
         * @return the template
         * @throws IllegalStateException when no token was given
         */
        public QStashTemplate build() {
            if (this.token == null || this.token.isBlank()) {
                throw new IllegalStateException("A QStash token is required (QSTASH_TOKEN)");
            }
            JsonMapper payloadMapper = (this.jsonMapper != null) ? this.jsonMapper : JsonMapper.builder().build();
            ClientHttpRequestFactory owned = (this.requestFactory != null) ? null
                    : RequestFactories.create(this.httpTransport, this.connectTimeout, this.readTimeout,
                            this.maxConnections, QStashTemplate.class.getClassLoader());
            ClientHttpRequestFactory requestFactory = (owned != null) ? owned
                    : Objects.requireNonNull(this.requestFactory);
            return new QStashTemplate(new QStashHttp(this.url, this.token, requestFactory,
                    Objects.requireNonNull(this.retryPolicy), this.observer, payloadMapper), owned);
        }

    }

}
