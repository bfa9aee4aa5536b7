package io.github.qstashspring.workflow;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * What a workflow context tells about its run.
 *
 * @param workflowRunId the run id
 * @param workflowUrl the workflow URL
 * @param payload the initial payload
 * @param headers the headers of the initial request, read-only
 * @param labels the run's labels
 * @param retried how many times QStash retried the current call
 * @param createdAt when the run was created
 * @param <T> the payload type
 */
record RunData<T>(String workflowRunId, String workflowUrl, Payload<T> payload, HttpHeaders headers,
        List<String> labels, int retried, @Nullable Instant createdAt) {
}
