package io.github.qstashspring.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A callback or failure callback: the URL QStash calls with the outcome of a delivery,
 * and how that call itself is made. Sent as {@code Upstash-Callback} (or
 * {@code Upstash-Failure-Callback}) plus {@code Upstash-Callback-Method},
 * {@code -Retries}, {@code -Retry-Delay}, {@code -Timeout}, {@code -Delay} and
 * {@code Upstash-Callback-Forward-<Name>} for each header.
 *
 * <pre>{@code
 * PublishRequest.to("https://my.app/orders")
 *     .callback(Callback.to("https://my.app/qstash/callback").retries(2).header("X-Tenant", "acme"))
 *     .failureCallback("https://my.app/qstash/failed");
 * }</pre>
 */
public final class Callback {

    private final String url;

    private @Nullable String method;

    private @Nullable Integer retries;

    private @Nullable String retryDelay;

    private @Nullable Duration timeout;

    private @Nullable Duration delay;

    private final Map<String, String> headers = new LinkedHashMap<>();

    private Callback(String url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    /**
     * A callback to the given URL.
     * @param url absolute URL with {@code http://} or {@code https://}
     * @return a callback with QStash's defaults (POST, the message's retries)
     */
    public static Callback to(String url) {
        return new Callback(url);
    }

    /**
     * The HTTP method of the callback ({@code Upstash-Callback-Method}); QStash uses POST
     * by default.
     * @param method e.g. {@code "PUT"}
     * @return this callback
     */
    public Callback method(String method) {
        this.method = method;
        return this;
    }

    /**
     * How many times a failed callback is retried ({@code Upstash-Callback-Retries}).
     * @param retries retries after the first attempt
     * @return this callback
     */
    public Callback retries(int retries) {
        this.retries = retries;
        return this;
    }

    /**
     * Delay before each callback retry, as a QStash expression in milliseconds using
     * {@code retried} ({@code Upstash-Callback-Retry-Delay}).
     * @param expression e.g. {@code "pow(2, retried) * 1000"}
     * @return this callback
     */
    public Callback retryDelay(String expression) {
        this.retryDelay = expression;
        return this;
    }

    /**
     * Per-attempt timeout of the callback ({@code Upstash-Callback-Timeout}, whole
     * seconds).
     * @param timeout the timeout
     * @return this callback
     */
    public Callback timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * Delay before the callback is sent ({@code Upstash-Callback-Delay}, whole seconds).
     * @param delay the delay
     * @return this callback
     */
    public Callback delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /**
     * A header QStash sends to the callback URL
     * ({@code Upstash-Callback-Forward-<name>}).
     * @param name header name
     * @param value header value
     * @return this callback
     */
    public Callback header(String name, String value) {
        this.headers.put(name, value);
        return this;
    }

    /**
     * The callback URL.
     * @return the URL
     */
    public String getUrl() {
        return this.url;
    }

    /**
     * Writes this callback as headers under {@code prefix} ({@code Upstash-Callback} or
     * {@code Upstash-Failure-Callback}).
     */
    void writeHeaders(String prefix, Map<String, String> target) {
        target.put(prefix, this.url);
        if (this.method != null) {
            target.put(prefix + "-Method", this.method);
        }
        if (this.retries != null) {
            target.put(prefix + "-Retries", Integer.toString(this.retries));
        }
        if (this.retryDelay != null) {
            target.put(prefix + "-Retry-Delay", this.retryDelay);
        }
        if (this.timeout != null) {
            target.put(prefix + "-Timeout", WireFormat.seconds(this.timeout, "callback timeout"));
        }
        if (this.delay != null) {
            target.put(prefix + "-Delay", WireFormat.seconds(this.delay, "callback delay"));
        }
        this.headers.forEach((name, value) -> WireFormat.forwardHeader(target, prefix + "-", name, value));
    }

}
