package io.github.qstashspring.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.qstashspring.client.FlowControl;
import io.github.qstashspring.client.WorkflowTrigger;

/**
 * Another workflow to run as a step of this one ({@link WorkflowContext#invoke invoke}):
 * the invoked run gets its own run id and configuration, and this run continues when it
 * ends, with its result.
 *
 * <pre>{@code
 * InvokeResult<Receipt> paid = context.invoke("charge",
 *         InvokeRequest.workflow("/workflows/payment").json(order).retries(5), Receipt.class);
 * }</pre>
 */
public final class InvokeRequest {

    private final String workflow;

    private @Nullable String body;

    private @Nullable Object json;

    private boolean hasJson;

    private final Map<String, String> headers = new LinkedHashMap<>();

    private @Nullable String workflowRunId;

    private @Nullable Integer retries;

    private @Nullable String retryDelay;

    private @Nullable FlowControl flowControl;

    private final List<String> labels = new ArrayList<>();

    private InvokeRequest(String workflow) {
        this.workflow = Objects.requireNonNull(workflow, "workflow");
    }

    /**
     * The workflow to invoke: an absolute URL, a path of this application (for example
     * {@code /workflows/payment}, the path of its {@code @QStashWorkflow}), or a bare
     * workflow id, which replaces the last path segment of this workflow's URL as the
     * official SDK's {@code serveMany} workflows do.
     * @param workflow the URL, path or id
     * @return the request
     */
    public static InvokeRequest workflow(String workflow) {
        return new InvokeRequest(workflow);
    }

    /**
     * The invoked run's payload as text.
     * @param body the text
     * @return this request
     */
    public InvokeRequest body(String body) {
        this.body = body;
        this.hasJson = false;
        return this;
    }

    /**
     * The invoked run's payload as JSON, serialised with the application's Jackson
     * {@code JsonMapper}.
     * @param payload the payload
     * @return this request
     */
    public InvokeRequest json(@Nullable Object payload) {
        this.json = payload;
        this.hasJson = true;
        this.body = null;
        return this;
    }

    /**
     * A header of the invoked run's initial request.
     * @param name the name
     * @param value the value
     * @return this request
     */
    public InvokeRequest header(String name, String value) {
        this.headers.put(name, value);
        return this;
    }

    /**
     * The invoked run's id ({@code wfr_} is prepended); random unless set.
     * @param workflowRunId the id without prefix
     * @return this request
     */
    public InvokeRequest workflowRunId(String workflowRunId) {
        this.workflowRunId = workflowRunId;
        return this;
    }

    /**
     * Retries of each step of the invoked run (QStash's default is 3).
     * @param retries retries after the first attempt
     * @return this request
     */
    public InvokeRequest retries(int retries) {
        this.retries = retries;
        return this;
    }

    /**
     * Retry delay of the invoked run's steps, a QStash expression in milliseconds.
     * @param expression e.g. {@code "1000 * retried"}
     * @return this request
     */
    public InvokeRequest retryDelay(String expression) {
        this.retryDelay = expression;
        return this;
    }

    /**
     * Flow control of the invoked run.
     * @param flowControl the key and its limits
     * @return this request
     */
    public InvokeRequest flowControl(FlowControl flowControl) {
        this.flowControl = flowControl;
        return this;
    }

    /**
     * Labels of the invoked run.
     * @param labels labels of letters, digits, {@code -}, {@code _} and {@code .}
     * @return this request
     */
    public InvokeRequest label(String... labels) {
        for (String label : labels) {
            this.labels.add(WorkflowTrigger.requireResourceName(label, "label"));
        }
        return this;
    }

    String workflow() {
        return this.workflow;
    }

    List<String> labels() {
        return this.labels;
    }

    /**
     * The trigger of the invoked run, before the invoke-specific headers and body: its
     * failure callback goes to its own URL.
     */
    WorkflowTrigger toTrigger(String childUrl) {
        WorkflowTrigger trigger = WorkflowTrigger.to(childUrl).headers(this.headers);
        if (this.workflowRunId != null) {
            trigger.workflowRunId(this.workflowRunId);
        }
        new WorkflowOptions(this.retries, this.retryDelay, this.flowControl, List.of(), childUrl).applyTo(trigger,
                true);
        return trigger;
    }

    /** The payload text, or {@code null} when none was set. */
    @Nullable String body(WorkflowJson json) {
        return this.hasJson ? json.writeValue(this.json) : this.body;
    }

}
