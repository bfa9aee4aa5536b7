package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.StoredMessage.CallbackOptions;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@link PublishOptions} from request headers as QStash does: {@code Upstash-*}
 * configuration headers, {@code Upstash-Forward-<Name>} forwarded as {@code <Name>},
 * {@code Content-Type} kept, everything else dropped unless
 * {@code Upstash-Header-Forward: true}.
 */
final class PublishOptionsParser {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Headers never forwarded by {@code Upstash-Header-Forward: true}. */
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "host", "content-length", "connection",
            "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "expect",
            "accept-encoding", "content-type");

    private static final String FORWARD = "upstash-forward-";

    private static final String CALLBACK = "upstash-callback-";

    private static final String FAILURE_CALLBACK = "upstash-failure-callback-";

    private final int maxRetries;

    private final long maxTimeoutMs;

    private final long maxDelayMs;

    private final long maxFlowPeriodMs;

    private final Clock clock;

    /**
     * Creates a parser.
     * @param settings the limits: retries, timeouts, delays, flow-control periods
     * @param clock the broker's clock (for {@code Upstash-Not-Before})
     */
    PublishOptionsParser(MessageConfiguration.Settings settings, Clock clock) {
        this.maxRetries = settings.maxRetries();
        this.maxTimeoutMs = settings.maxTimeout().toMillis();
        this.maxDelayMs = settings.maxDelay().toMillis();
        this.maxFlowPeriodMs = settings.maxFlowControlPeriod().toMillis();
        this.clock = clock;
    }

    /**
     * Parses the options of one publish request.
     * @param headers the request headers (and configuration query parameters)
     * @return the options
     * @throws BrokerException (400) on an invalid value, naming the header
     */
    PublishOptions parse(RequestHeaders headers) {
        Map<String, List<String>> forwarded = new LinkedHashMap<>();
        String contentType = headers.first("content-type");
        if (contentType != null) {
            forwarded.put("Content-Type", new ArrayList<>(List.of(contentType)));
        }
        boolean forwardAll = isTrue(headers.first("upstash-header-forward"));
        for (String name : headers.names()) {
            if (name.startsWith(FORWARD) && name.length() > FORWARD.length()) {
                forwarded
                    .computeIfAbsent(RequestHeaders.canonical(name.substring(FORWARD.length())),
                            (k) -> new ArrayList<>())
                    .addAll(headers.all(name));
            }
            else if (forwardAll && !name.startsWith("upstash-") && !NOT_FORWARDED.contains(name)) {
                forwarded.computeIfAbsent(RequestHeaders.canonical(name), (k) -> new ArrayList<>())
                    .addAll(headers.all(name));
            }
        }
        // The workflow SDK sends a user's content type as the message's and as a
        // forwarded
        // header: deliver it once.
        forwarded.computeIfPresent("Content-Type", (name, values) -> new ArrayList<>(new LinkedHashSet<>(values)));
        String flowValue = headers.first("upstash-flow-control-value");
        Map<String, String> flow = parseFlowControl(flowValue);
        return new PublishOptions(method(headers.first("upstash-method")), delay(headers, "Upstash-Delay"),
                notBefore(headers.first("upstash-not-before")),
                retries(headers.first("upstash-retries"), "Upstash-Retries"),
                retryDelay(headers.first("upstash-retry-delay")), timeout(headers, "Upstash-Timeout"),
                url(headers.first("upstash-callback"), "Upstash-Callback"), callbackOptions(headers, CALLBACK),
                url(headers.first("upstash-failure-callback"), "Upstash-Failure-Callback"),
                callbackOptions(headers, FAILURE_CALLBACK), forwarded, headers.first("upstash-deduplication-id"),
                isTrue(headers.first("upstash-content-based-deduplication")), headers.first("upstash-flow-control-key"),
                atLeastOne(flow.get("parallelism"), "parallelism"), atLeastOne(flow.get("rate"), "rate"),
                flowPeriod(flow.get("period")), labels(headers.first("upstash-label")),
                headers.first("upstash-redact-fields"), workflow(headers));
    }

    /**
     * Reads the {@code Upstash-Workflow-*} headers of a message of a workflow run.
     * @param headers the request headers
     * @return the headers, or {@code null} when the message belongs to no run
     */
    private static PublishService.@Nullable WorkflowHeaders workflow(RequestHeaders headers) {
        String runId = headers.first("upstash-workflow-runid");
        if (runId == null) {
            return null;
        }
        if (runId.isBlank() || runId.length() > 256) {
            throw BrokerException.badRequest("invalid Upstash-Workflow-RunId: " + runId);
        }
        String callType = headers.first("upstash-workflow-calltype");
        String featureSet = headers.first("upstash-feature-set");
        List<String> features = new ArrayList<>();
        if (featureSet != null) {
            for (String feature : featureSet.split(",")) {
                if (!feature.isBlank()) {
                    features.add(feature.trim());
                }
            }
        }
        return new PublishService.WorkflowHeaders(runId.trim(), isTrue(headers.first("upstash-workflow-init")),
                headers.first("upstash-workflow-url"), (callType != null) ? callType.trim() : "step", features,
                isTrue(headers.first("upstash-workflow-invoke")),
                isTrue(headers.first("upstash-workflow-trigger-by-sdk")));
    }

    private @Nullable CallbackOptions callbackOptions(RequestHeaders headers, String prefix) {
        String display = prefix.equals(CALLBACK) ? "Upstash-Callback-" : "Upstash-Failure-Callback-";
        Map<String, List<String>> forwarded = new LinkedHashMap<>();
        String forwardPrefix = prefix + "forward-";
        for (String name : headers.names()) {
            if (name.startsWith(forwardPrefix) && name.length() > forwardPrefix.length()) {
                forwarded.put(RequestHeaders.canonical(name.substring(forwardPrefix.length())),
                        new ArrayList<>(headers.all(name)));
            }
        }
        String method = method(headers.first(prefix + "method"));
        Integer retries = retries(headers.first(prefix + "retries"), display + "Retries");
        Long timeout = timeout(headers, display + "Timeout");
        String retryDelay = retryDelay(headers.first(prefix + "retry-delay"));
        Long delay = delay(headers, display + "Delay");
        if (method == null && retries == null && timeout == null && retryDelay == null && delay == null
                && forwarded.isEmpty()) {
            return null;
        }
        return new CallbackOptions(method, retries, timeout, retryDelay, delay, forwarded);
    }

    private static @Nullable String method(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String method = value.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw BrokerException.badRequest("invalid Upstash-Method: " + value);
        }
        return method;
    }

    private static @Nullable Long duration(RequestHeaders headers, String name) {
        String value = headers.first(name);
        return (value != null) ? Durations.toMillis(value, name) : null;
    }

    private @Nullable Long delay(RequestHeaders headers, String name) {
        Long value = duration(headers, name);
        if (value != null && value > this.maxDelayMs) {
            throw BrokerException.badRequest("invalid " + name + ": " + headers.first(name) + " is longer than "
                    + Durations.format(this.maxDelayMs) + " (qstash.embedded.limits.max-delay)");
        }
        return value;
    }

    private @Nullable Long timeout(RequestHeaders headers, String name) {
        Long value = duration(headers, name);
        if (value != null && value <= 0) {
            throw BrokerException.badRequest("invalid " + name + ": must be positive");
        }
        if (value != null && value > this.maxTimeoutMs) {
            throw BrokerException
                .badRequest("invalid " + name + ": " + headers.first(name) + " is longer than the delivery timeout of "
                        + Durations.format(this.maxTimeoutMs) + " (qstash.embedded.delivery.timeout)");
        }
        return value;
    }

    private @Nullable Long notBefore(@Nullable String value) {
        if (value == null) {
            return null;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            throw BrokerException.badRequest("invalid Upstash-Not-Before: " + value + " (expected Unix seconds)");
        }
        long latest = (this.clock.millis() + this.maxDelayMs) / 1000;
        if (seconds > latest) {
            throw BrokerException.badRequest("invalid Upstash-Not-Before: " + value + " is more than "
                    + Durations.format(this.maxDelayMs) + " ahead (qstash.embedded.limits.max-delay)");
        }
        return Math.max(seconds, 0) * 1000;
    }

    private @Nullable Integer retries(@Nullable String value, String name) {
        Integer retries = integer(value, name);
        if (retries != null && (retries < 0 || retries > this.maxRetries)) {
            throw BrokerException.badRequest("invalid " + name + ": must be between 0 and " + this.maxRetries);
        }
        return retries;
    }

    private static @Nullable Integer integer(@Nullable String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw BrokerException.badRequest("invalid " + name + ": " + value);
        }
    }

    private static @Nullable Integer atLeastOne(@Nullable String value, String name) {
        Integer number = integer(value, "Upstash-Flow-Control-Value " + name);
        if (number != null && number < 1) {
            throw BrokerException
                .badRequest("invalid Upstash-Flow-Control-Value: " + name + " must be at least 1, was " + number);
        }
        return number;
    }

    private @Nullable Long flowPeriod(@Nullable String value) {
        if (value == null) {
            return null;
        }
        long millis = Durations.toMillis(value, "Upstash-Flow-Control-Value period");
        if (millis < 1000 || millis > this.maxFlowPeriodMs) {
            throw BrokerException.badRequest("invalid Upstash-Flow-Control-Value: period " + value + " must be 1s to "
                    + Durations.format(this.maxFlowPeriodMs) + " (qstash.embedded.limits.max-flow-control-period)");
        }
        return millis / 1000;
    }

    private static @Nullable String retryDelay(@Nullable String value) {
        return (value != null) ? Dispatcher.checkRetryDelay(value) : null;
    }

    private static @Nullable String url(@Nullable String value, String name) {
        if (value == null) {
            return null;
        }
        if (!Destinations.isUrl(value)) {
            throw BrokerException.badRequest("invalid " + name + ": " + value + " (add http:// or https://)");
        }
        return value;
    }

    private static Map<String, String> parseFlowControl(@Nullable String value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        for (String part : value.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2
                    || !Set.of("parallelism", "rate", "period").contains(pair[0].trim().toLowerCase(Locale.ROOT))) {
                throw BrokerException.badRequest("invalid Upstash-Flow-Control-Value: " + value);
            }
            result.put(pair[0].trim().toLowerCase(Locale.ROOT), pair[1].trim());
        }
        return result;
    }

    private static List<String> labels(@Nullable String value) {
        List<String> labels = new ArrayList<>();
        if (value != null) {
            for (String label : value.split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
        }
        return labels;
    }

    /**
     * Reads a boolean header value case-insensitively ({@code True} from the Python SDK).
     * @param value the value
     * @return whether it is {@code true}
     */
    static boolean isTrue(@Nullable String value) {
        return value != null && value.trim().equalsIgnoreCase("true");
    }

}
