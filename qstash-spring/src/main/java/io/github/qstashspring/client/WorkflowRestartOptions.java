package io.github.qstashspring.client;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Configuration that replaces the failed run's own when the DLQ resumes or restarts it.
 *
 * <pre>{@code
 * qstash.workflows().dlq().restart(new WorkflowDlqFilter().dlqIds(dlqId), new WorkflowRestartOptions().retries(5));
 * }</pre>
 */
public final class WorkflowRestartOptions {

    private @Nullable Integer retries;

    private @Nullable FlowControl flowControl;

    /** Creates options that keep the failed run's configuration. */
    public WorkflowRestartOptions() {
    }

    /**
     * Retries of each step of the new run ({@code Upstash-Retries}).
     * @param retries retries after the first attempt
     * @return these options
     */
    public WorkflowRestartOptions retries(int retries) {
        this.retries = retries;
        return this;
    }

    /**
     * Flow control of the new run ({@code Upstash-Flow-Control-Key} and {@code -Value}).
     * @param flowControl the key and its limits
     * @return these options
     */
    public WorkflowRestartOptions flowControl(FlowControl flowControl) {
        this.flowControl = flowControl;
        return this;
    }

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (this.flowControl != null) {
            this.flowControl.writeHeaders(headers);
        }
        if (this.retries != null) {
            headers.put("Upstash-Retries", Integer.toString(this.retries));
        }
        return headers;
    }

}
