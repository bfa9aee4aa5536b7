package io.github.qstashspring.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body and the options of a message, shared by {@link PublishRequest} and
 * {@link ScheduleRequest}. Every option becomes an {@code Upstash-*} header, named like
 * the option of the official JavaScript SDK.
 *
 * @param <R> the concrete request type, returned by every option for chaining
 */
public abstract class MessageRequest<R extends MessageRequest<R>> {

    private final String destination;

    private byte @Nullable [] body;

    private @Nullable Object json;

    private boolean hasJson;

    private @Nullable String bodyContentType;

    private @Nullable String contentType;

    private String method = "POST";

    private final Map<String, String> headers = new LinkedHashMap<>();

    private @Nullable Duration delay;

    private @Nullable Instant notBefore;

    private @Nullable Integer retries;

    private @Nullable String retryDelay;

    private @Nullable Duration timeout;

    private @Nullable Callback callback;

    private @Nullable Callback failureCallback;

    private @Nullable String deduplicationId;

    private boolean contentBasedDeduplication;

    private @Nullable FlowControl flowControl;

    private final List<String> labels = new ArrayList<>();

    private final List<String> redactFields = new ArrayList<>();

    MessageRequest(String destination) {
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    @SuppressWarnings("unchecked")
    private R self() {
        return (R) this;
    }

    /**
     * The raw body, delivered byte for byte. Content type
     * {@code application/octet-stream} unless {@link #contentType} says otherwise.
     * @param body the bytes
     * @return this request
     */
    public R body(byte[] body) {
        this.body = body.clone();
        this.hasJson = false;
        this.bodyContentType = "application/octet-stream";
        return self();
    }

    /**
     * A text body, sent as UTF-8. Content type {@code text/plain;charset=UTF-8} unless
     * {@link #contentType} says otherwise.
     * @param body the text
     * @return this request
     */
    public R body(String body) {
        body(body.getBytes(StandardCharsets.UTF_8));
        this.bodyContentType = "text/plain;charset=UTF-8";
        return self();
    }

    /**
     * A JSON body: the object is serialised with the application's Jackson
     * {@code JsonMapper} when the request is sent, with content type
     * {@code application/json}.
     * @param payload the object to serialise (a {@code String} is serialised as a JSON
     * string)
     * @return this request
     */
    public R json(@Nullable Object payload) {
        this.json = payload;
        this.hasJson = true;
        this.body = null;
        this.bodyContentType = "application/json";
        return self();
    }

    /**
     * The {@code Content-Type} stored with the message and sent to the destination.
     * @param contentType e.g. {@code "application/xml"}
     * @return this request
     */
    public R contentType(String contentType) {
        this.contentType = contentType;
        return self();
    }

    /**
     * The HTTP method QStash uses to call the destination ({@code Upstash-Method},
     * default POST).
     * @param method GET, POST, PUT, PATCH or DELETE
     * @return this request
     */
    public R method(String method) {
        this.method = method;
        return self();
    }

    /**
     * The HTTP method QStash uses to call the destination ({@code Upstash-Method},
     * default POST).
     * @param method the method
     * @return this request
     */
    public R method(HttpMethod method) {
        return method(method.name());
    }

    /**
     * A header QStash sends to the destination, sent as {@code Upstash-Forward-<name>}
     * like the SDKs do. Names starting with {@code Upstash-} are sent unchanged (they
     * configure QStash), {@code Content-Type} sets the content type.
     * @param name header name
     * @param value header value
     * @return this request
     */
    public R header(String name, String value) {
        if (name.equalsIgnoreCase("Content-Type")) {
            return contentType(value);
        }
        this.headers.put(name, value);
        return self();
    }

    /**
     * Several headers, as with {@link #header(String, String)}.
     * @param headers names and values
     * @return this request
     */
    public R headers(Map<String, String> headers) {
        headers.forEach(this::header);
        return self();
    }

    /**
     * Delay before the first delivery ({@code Upstash-Delay: <seconds>s}; whole seconds).
     * @param delay the delay
     * @return this request
     */
    public R delay(Duration delay) {
        this.delay = delay;
        return self();
    }

    /**
     * Earliest delivery time ({@code Upstash-Not-Before}, Unix seconds). Wins over
     * {@link #delay}.
     * @param notBefore the instant
     * @return this request
     */
    public R notBefore(Instant notBefore) {
        this.notBefore = notBefore;
        return self();
    }

    /**
     * How many times a failed delivery is retried ({@code Upstash-Retries}; QStash's
     * default is 3).
     * @param retries retries after the first attempt, 0 for a single attempt
     * @return this request
     */
    public R retries(int retries) {
        this.retries = retries;
        return self();
    }

    /**
     * Delay before each retry as a QStash expression in milliseconds using
     * {@code retried} ({@code Upstash-Retry-Delay}).
     * @param expression e.g. {@code "pow(2, retried) * 1000"}
     * @return this request
     */
    public R retryDelay(String expression) {
        this.retryDelay = expression;
        return self();
    }

    /**
     * Per-attempt timeout of the delivery ({@code Upstash-Timeout: <seconds>s}; whole
     * seconds).
     * @param timeout the timeout
     * @return this request
     */
    public R timeout(Duration timeout) {
        this.timeout = timeout;
        return self();
    }

    /**
     * URL QStash calls after every delivery attempt ({@code Upstash-Callback}).
     * @param url the callback URL
     * @return this request
     */
    public R callback(String url) {
        return callback(Callback.to(url));
    }

    /**
     * A callback with its own method, retries, timeout, delay and headers.
     * @param callback the callback
     * @return this request
     */
    public R callback(Callback callback) {
        this.callback = callback;
        return self();
    }

    /**
     * URL QStash calls once retries are exhausted ({@code Upstash-Failure-Callback}).
     * @param url the failure callback URL
     * @return this request
     */
    public R failureCallback(String url) {
        return failureCallback(Callback.to(url));
    }

    /**
     * A failure callback with its own method, retries, timeout, delay and headers (sent
     * as {@code Upstash-Failure-Callback-*}).
     * @param failureCallback the failure callback
     * @return this request
     */
    public R failureCallback(Callback failureCallback) {
        this.failureCallback = failureCallback;
        return self();
    }

    /**
     * A deduplication id: QStash accepts a second message with the same id without
     * delivering it ({@code Upstash-Deduplication-Id}).
     * @param deduplicationId the id
     * @return this request
     */
    public R deduplicationId(String deduplicationId) {
        this.deduplicationId = deduplicationId;
        return self();
    }

    /**
     * Deduplicate on destination, body and forwarded headers
     * ({@code Upstash-Content-Based-Deduplication: true}; {@code false}, QStash's
     * default, sends nothing).
     * @param contentBasedDeduplication whether to deduplicate on content
     * @return this request
     */
    public R contentBasedDeduplication(boolean contentBasedDeduplication) {
        this.contentBasedDeduplication = contentBasedDeduplication;
        return self();
    }

    /**
     * Flow control for this message ({@code Upstash-Flow-Control-Key} and
     * {@code -Value}).
     * @param flowControl the key and its limits
     * @return this request
     */
    public R flowControl(FlowControl flowControl) {
        this.flowControl = flowControl;
        return self();
    }

    /**
     * Flow control with rate, period and parallelism.
     * @param key the flow-control key
     * @param rate maximum deliveries started per period
     * @param period the period of the rate (whole seconds)
     * @param parallelism maximum deliveries in flight
     * @return this request
     */
    public R flowControl(String key, int rate, Duration period, int parallelism) {
        return flowControl(FlowControl.key(key).rate(rate).period(period).parallelism(parallelism));
    }

    /**
     * Labels for filtering logs and the DLQ ({@code Upstash-Label: a,b}); adds to earlier
     * labels.
     * @param labels one or more labels
     * @return this request
     */
    public R label(String... labels) {
        this.labels.addAll(List.of(labels));
        return self();
    }

    /**
     * Hide the body in QStash's logs and console ({@code Upstash-Redact-Fields: body});
     * it is still delivered.
     * @return this request
     */
    public R redactBody() {
        return redact("body");
    }

    /**
     * Hide all headers in QStash's logs and console
     * ({@code Upstash-Redact-Fields: header}).
     * @return this request
     */
    public R redactHeaders() {
        return redact("header");
    }

    /**
     * Hide one header in QStash's logs and console
     * ({@code Upstash-Redact-Fields: header[<name>]}).
     * @param name the header name
     * @return this request
     */
    public R redactHeader(String name) {
        return redact("header[" + name + "]");
    }

    private R redact(String field) {
        if (!this.redactFields.contains(field)) {
            this.redactFields.add(field);
        }
        return self();
    }

    /**
     * The destination: a URL or a URL group name.
     * @return the destination as it goes into the path
     */
    public String getDestination() {
        return this.destination;
    }

    /** The body bytes, serialising a JSON payload with {@code mapper}. */
    byte[] resolveBody(JsonMapper mapper) {
        if (this.hasJson) {
            return mapper.writeValueAsBytes(this.json);
        }
        return (this.body != null) ? this.body : new byte[0];
    }

    /** The content type to send, if any. */
    @Nullable String resolveContentType() {
        return (this.contentType != null) ? this.contentType : this.bodyContentType;
    }

    /** Every {@code Upstash-*} header of this message (not {@code Content-Type}). */
    Map<String, String> upstashHeaders() {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("Upstash-Method", this.method);
        this.headers.forEach((name, value) -> WireFormat.forwardHeader(result, "Upstash-", name, value));
        if (this.delay != null) {
            result.put("Upstash-Delay", WireFormat.seconds(this.delay, "delay"));
        }
        if (this.notBefore != null) {
            result.put("Upstash-Not-Before", Long.toString(this.notBefore.getEpochSecond()));
        }
        if (this.retries != null) {
            result.put("Upstash-Retries", Integer.toString(this.retries));
        }
        if (this.retryDelay != null) {
            result.put("Upstash-Retry-Delay", this.retryDelay);
        }
        if (this.timeout != null) {
            result.put("Upstash-Timeout", WireFormat.seconds(this.timeout, "timeout"));
        }
        if (this.callback != null) {
            this.callback.writeHeaders("Upstash-Callback", result);
        }
        if (this.failureCallback != null) {
            this.failureCallback.writeHeaders("Upstash-Failure-Callback", result);
        }
        if (this.deduplicationId != null) {
            result.put("Upstash-Deduplication-Id", this.deduplicationId);
        }
        if (this.contentBasedDeduplication) {
            result.put("Upstash-Content-Based-Deduplication", "true");
        }
        if (this.flowControl != null) {
            this.flowControl.writeHeaders(result);
        }
        if (!this.labels.isEmpty()) {
            result.put("Upstash-Label", String.join(",", this.labels));
        }
        if (!this.redactFields.isEmpty()) {
            result.put("Upstash-Redact-Fields", String.join(",", this.redactFields));
        }
        return result;
    }

}
