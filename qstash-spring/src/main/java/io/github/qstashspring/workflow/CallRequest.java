package io.github.qstashspring.workflow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.qstashspring.client.FlowControl;

/**
 * The HTTP request of a {@link WorkflowContext#call call} step. QStash makes it (with its
 * own timeout, retries and flow control), so it may take as long as the called service
 * needs without holding the workflow endpoint.
 *
 * <pre>{@code
 * CallResponse<Quote> quote = context.call("get-quote",
 *         CallRequest.post("https://api.example.com/quotes").json(order).header("Authorization", token).retries(2),
 *         Quote.class);
 * }</pre>
 */
public final class CallRequest {

    private final String url;

    private String method = "GET";

    private @Nullable String body;

    private @Nullable Object json;

    private boolean hasJson;

    private final Map<String, String> headers = new LinkedHashMap<>();

    private int retries;

    private @Nullable String retryDelay;

    private @Nullable Duration timeout;

    private @Nullable FlowControl flowControl;

    private CallRequest(String url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    /**
     * A {@code GET} request (the default method).
     * @param url the absolute URL
     * @return the request
     */
    public static CallRequest get(String url) {
        return new CallRequest(url);
    }

    /**
     * A {@code POST} request.
     * @param url the absolute URL
     * @return the request
     */
    public static CallRequest post(String url) {
        return new CallRequest(url).method("POST");
    }

    /**
     * A {@code PUT} request.
     * @param url the absolute URL
     * @return the request
     */
    public static CallRequest put(String url) {
        return new CallRequest(url).method("PUT");
    }

    /**
     * A {@code PATCH} request.
     * @param url the absolute URL
     * @return the request
     */
    public static CallRequest patch(String url) {
        return new CallRequest(url).method("PATCH");
    }

    /**
     * A {@code DELETE} request.
     * @param url the absolute URL
     * @return the request
     */
    public static CallRequest delete(String url) {
        return new CallRequest(url).method("DELETE");
    }

    /**
     * The HTTP method.
     * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or
     * {@code DELETE}
     * @return this request
     */
    public CallRequest method(String method) {
        this.method = method.toUpperCase(Locale.ROOT);
        return this;
    }

    /**
     * The body, sent as is.
     * @param body the text
     * @return this request
     */
    public CallRequest body(String body) {
        this.body = body;
        this.hasJson = false;
        return this;
    }

    /**
     * A JSON body, serialised with the application's Jackson {@code JsonMapper}.
     * @param payload the object
     * @return this request
     */
    public CallRequest json(@Nullable Object payload) {
        this.json = payload;
        this.hasJson = true;
        this.body = null;
        return this;
    }

    /**
     * A request header. {@code Content-Type} is the body's content type
     * ({@code application/json} when not set).
     * @param name the name
     * @param value the value
     * @return this request
     */
    public CallRequest header(String name, String value) {
        this.headers.put(name, value);
        return this;
    }

    /**
     * How many times QStash retries the request when the service answers an error
     * ({@code Upstash-Retries}; 0 unless set). Only the last attempt's response is the
     * step's result.
     * @param retries retries after the first attempt
     * @return this request
     */
    public CallRequest retries(int retries) {
        this.retries = retries;
        return this;
    }

    /**
     * Delay before each retry as a QStash expression in milliseconds using
     * {@code retried} ({@code Upstash-Retry-Delay}).
     * @param expression e.g. {@code "1000 * (1 + retried)"}
     * @return this request
     */
    public CallRequest retryDelay(String expression) {
        this.retryDelay = expression;
        return this;
    }

    /**
     * How long QStash waits for the service's response ({@code Upstash-Timeout}).
     * @param timeout the timeout
     * @return this request
     */
    public CallRequest timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * Flow control of the request ({@code Upstash-Flow-Control-Key} and {@code -Value}).
     * @param flowControl the key and its limits
     * @return this request
     */
    public CallRequest flowControl(FlowControl flowControl) {
        this.flowControl = flowControl;
        return this;
    }

    String url() {
        return this.url;
    }

    String method() {
        return this.method;
    }

    @Nullable String body(WorkflowJson json) {
        return this.hasJson ? json.writeValue(this.json) : this.body;
    }

    Map<String, String> headers() {
        return this.headers;
    }

    int retries() {
        return this.retries;
    }

    @Nullable String retryDelay() {
        return this.retryDelay;
    }

    @Nullable Duration timeout() {
        return this.timeout;
    }

    @Nullable FlowControl flowControl() {
        return this.flowControl;
    }

}
