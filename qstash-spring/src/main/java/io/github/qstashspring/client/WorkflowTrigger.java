package io.github.qstashspring.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A workflow run to start: the workflow's URL, the initial payload and the run's
 * configuration. Every option is named like the option of the official
 * {@code @upstash/workflow} {@code Client.trigger}, and {@link #toPublishRequest()} gives
 * exactly the message that client publishes ({@code POST /v2/batch}): the run id, the
 * protocol headers, the configuration the broker keeps for every step of the run
 * ({@code WF_TriggerOnConfig}), the headers forwarded to every delivery and the failure
 * callback.
 *
 * <pre>{@code
 * qstash.workflows().trigger(WorkflowTrigger.to("https://my.app/workflows/onboarding")
 *     .json(new Signup("ada@example.com"))
 *     .workflowRunId("signup-42")
 *     .retries(5)
 *     .label("signup"));
 * }</pre>
 */
public final class WorkflowTrigger {

    /**
     * The feature flags of every message of a run, as the official SDK 1.3.3 sends them.
     */
    public static final String FEATURE_SET = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig";

    /** The prefix of every workflow run id. */
    public static final String RUN_ID_PREFIX = "wfr_";

    private static final Pattern RESOURCE_NAME = Pattern.compile("^[a-zA-Z0-9\\-_.]+$");

    private final String url;

    private String workflowRunId;

    private @Nullable String body;

    private @Nullable Object json;

    private boolean hasJson;

    private final Map<String, String> headers = new LinkedHashMap<>();

    private @Nullable Integer retries;

    private @Nullable String retryDelay;

    private @Nullable FlowControl flowControl;

    private @Nullable Duration delay;

    private @Nullable Instant notBefore;

    private final List<String> labels = new ArrayList<>();

    private @Nullable String failureUrl;

    private boolean failureCallback = true;

    private boolean redactBody;

    private boolean redactHeaders;

    private final List<String> redactedHeaders = new ArrayList<>();

    private WorkflowTrigger(String url) {
        this.url = Objects.requireNonNull(url, "url");
        this.workflowRunId = RUN_ID_PREFIX + RandomIds.next(21);
    }

    /**
     * A run of the workflow served at {@code url}.
     * @param url the absolute URL of the workflow endpoint
     * @return the trigger, with a random run id until {@link #workflowRunId} is set
     */
    public static WorkflowTrigger to(String url) {
        return new WorkflowTrigger(url);
    }

    /**
     * The initial payload as text, delivered as is.
     * @param body the text
     * @return this trigger
     */
    public WorkflowTrigger body(String body) {
        this.body = body;
        this.json = null;
        this.hasJson = false;
        return this;
    }

    /**
     * The initial payload as JSON, serialised with the application's Jackson
     * {@code JsonMapper} when the run is triggered.
     * @param payload the payload
     * @return this trigger
     */
    public WorkflowTrigger json(@Nullable Object payload) {
        this.json = payload;
        this.hasJson = true;
        this.body = null;
        return this;
    }

    /**
     * A header of the initial request: the workflow reads it from its context on every
     * step, and the failure callback receives it. Sent as {@code upstash-forward-<name>}
     * and {@code upstash-failure-callback-forward-<name>}. A {@code Content-Type} also
     * becomes the content type of the message.
     * @param name the header name
     * @param value the value
     * @return this trigger
     */
    public WorkflowTrigger header(String name, String value) {
        this.headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /**
     * Several headers, as with {@link #header(String, String)}.
     * @param headers names and values
     * @return this trigger
     */
    public WorkflowTrigger headers(Map<String, String> headers) {
        headers.forEach(this::header);
        return this;
    }

    /**
     * The content type of the initial payload (a {@code Content-Type}
     * {@link #header(String, String) header}); {@code application/json} when not set.
     * @param contentType the content type
     * @return this trigger
     */
    public WorkflowTrigger contentType(String contentType) {
        return header("Content-Type", contentType);
    }

    /**
     * The run id: {@code wfr_} followed by this id (the prefix is always added, as the
     * official SDK does). A second trigger with an id QStash knows starts nothing
     * ({@link TriggeredRun#deduplicated()}).
     * @param workflowRunId the id without prefix
     * @return this trigger
     */
    public WorkflowTrigger workflowRunId(String workflowRunId) {
        if (workflowRunId.isEmpty()) {
            throw new IllegalArgumentException("workflowRunId must not be empty");
        }
        this.workflowRunId = RUN_ID_PREFIX + workflowRunId;
        return this;
    }

    /**
     * How many times a failed step is retried ({@code Upstash-Retries}); QStash's default
     * is 3.
     * @param retries retries after the first attempt
     * @return this trigger
     */
    public WorkflowTrigger retries(int retries) {
        this.retries = retries;
        return this;
    }

    /**
     * Delay before each retry of a failed step, as a QStash expression in milliseconds
     * using {@code retried} ({@code Upstash-Retry-Delay}).
     * @param expression e.g. {@code "pow(2, retried) * 1000"}
     * @return this trigger
     */
    public WorkflowTrigger retryDelay(String expression) {
        this.retryDelay = expression;
        return this;
    }

    /**
     * Flow control of every step of the run ({@code Upstash-Flow-Control-Key} and
     * {@code -Value}).
     * @param flowControl the key and its limits; the key may only contain letters,
     * digits, {@code -}, {@code _} and {@code .}
     * @return this trigger
     */
    public WorkflowTrigger flowControl(FlowControl flowControl) {
        requireResourceName(flowControl.getKey(), "flow control key");
        this.flowControl = flowControl;
        return this;
    }

    /**
     * Delay before the run starts ({@code Upstash-Delay}, whole seconds).
     * @param delay the delay
     * @return this trigger
     */
    public WorkflowTrigger delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /**
     * Earliest start of the run ({@code Upstash-Not-Before}, Unix seconds); wins over
     * {@link #delay}.
     * @param notBefore the instant
     * @return this trigger
     */
    public WorkflowTrigger notBefore(Instant notBefore) {
        this.notBefore = notBefore;
        return this;
    }

    /**
     * Labels of the run, for filtering logs, the DLQ and bulk cancels
     * ({@code Upstash-Label: a,b}); adds to earlier labels.
     * @param labels labels of letters, digits, {@code -}, {@code _} and {@code .}
     * @return this trigger
     */
    public WorkflowTrigger label(String... labels) {
        for (String label : labels) {
            requireResourceName(label, "label");
            this.labels.add(label);
        }
        return this;
    }

    /**
     * The URL QStash calls when the run fails ({@code Upstash-Failure-Callback}).
     * Defaults to the workflow URL, whose failure handler then runs.
     * @param failureUrl the failure callback URL
     * @return this trigger
     */
    public WorkflowTrigger failureUrl(String failureUrl) {
        this.failureUrl = failureUrl;
        this.failureCallback = true;
        return this;
    }

    /**
     * No failure callback for this run (what the official SDK's endpoint does for a run
     * it starts itself).
     * @return this trigger
     */
    public WorkflowTrigger withoutFailureCallback() {
        this.failureUrl = null;
        this.failureCallback = false;
        return this;
    }

    /**
     * Hide the initial payload in QStash's logs and console
     * ({@code Upstash-Redact-Fields: body}).
     * @return this trigger
     */
    public WorkflowTrigger redactBody() {
        this.redactBody = true;
        return this;
    }

    /**
     * Hide all headers in QStash's logs and console ({@code Upstash-Redact-Fields:
     * header}).
     * @return this trigger
     */
    public WorkflowTrigger redactHeaders() {
        this.redactHeaders = true;
        return this;
    }

    /**
     * Hide one header in QStash's logs and console ({@code Upstash-Redact-Fields:
     * header[<name>]}).
     * @param name the header name
     * @return this trigger
     */
    public WorkflowTrigger redactHeader(String name) {
        this.redactedHeaders.add(name);
        return this;
    }

    /**
     * The workflow URL.
     * @return the URL
     */
    public String getUrl() {
        return this.url;
    }

    /**
     * The run id this trigger starts, with its {@code wfr_} prefix.
     * @return the run id
     */
    public String getWorkflowRunId() {
        return this.workflowRunId;
    }

    /**
     * The message that starts the run, as the official SDK publishes it: one element of
     * {@code POST /v2/batch} to the workflow URL. {@link QStashWorkflows#trigger} sends
     * it; the workflow endpoint adds its own headers to it.
     * @return a new publish request
     */
    public PublishRequest toPublishRequest() {
        PublishRequest request = PublishRequest.to(this.url);
        if (this.hasJson) {
            request.json(this.json);
        }
        else if (this.body != null) {
            request.body(this.body);
        }
        String contentType = this.headers.get("content-type");
        request.contentType((contentType != null) ? contentType : "application/json");
        request.headers(WorkflowTriggerHeaders.of(this));
        if (this.delay != null) {
            request.delay(this.delay);
        }
        if (this.notBefore != null) {
            request.notBefore(this.notBefore);
        }
        if (this.redactBody) {
            request.redactBody();
        }
        if (this.redactHeaders) {
            request.redactHeaders();
        }
        this.redactedHeaders.forEach(request::redactHeader);
        return request;
    }

    Map<String, String> userHeaders() {
        return this.headers;
    }

    List<String> labels() {
        return this.labels;
    }

    /** The failure callback URL, or {@code null} for none. */
    @Nullable String failureCallbackUrl() {
        return this.failureCallback ? ((this.failureUrl != null) ? this.failureUrl : this.url) : null;
    }

    @Nullable Integer retries() {
        return this.retries;
    }

    @Nullable String retryDelay() {
        return this.retryDelay;
    }

    @Nullable FlowControl flowControl() {
        return this.flowControl;
    }

    /**
     * Rejects a label or flow-control key the official SDK rejects: only letters, digits,
     * {@code -}, {@code _} and {@code .} are allowed.
     * @param value the value
     * @param what what it is, for the message (e.g. {@code "label"})
     * @return the value
     * @throws IllegalArgumentException when the value is not allowed
     */
    public static String requireResourceName(String value, String what) {
        if (!RESOURCE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "Invalid " + what + " '" + value + "': only letters, digits, '-', '_' and '.' are allowed");
        }
        return value;
    }

}
