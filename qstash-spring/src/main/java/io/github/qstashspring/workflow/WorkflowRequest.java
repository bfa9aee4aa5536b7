package io.github.qstashspring.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import io.github.qstashspring.client.WorkflowTrigger;

/**
 * One request to a workflow endpoint, classified as the official SDK 1.3.3 does
 * ({@code validateRequest}): an unknown-SDK handshake, a failure callback, a first
 * invocation (no {@code Upstash-Workflow-Sdk-Version}: a direct or scheduled POST, and
 * also a {@code context.call} callback), or a step delivery of protocol version 1.
 */
final class WorkflowRequest {

    static final String RUN_ID = "Upstash-Workflow-RunId";

    private final HttpServletRequest request;

    private final String body;

    private final String workflowUrl;

    private final boolean unknownSdk;

    private final boolean firstInvocation;

    private final String workflowRunId;

    private WorkflowRequest(HttpServletRequest request, String body, String workflowUrl) {
        this.request = request;
        this.body = body;
        this.workflowUrl = workflowUrl;
        if (has("Upstash-Workflow-Unknown-Sdk")) {
            this.unknownSdk = true;
            this.firstInvocation = true;
            this.workflowRunId = requireRunId("Couldn't get workflow id from header when handling unknown sdk request");
        }
        else if (isFailureCallback()) {
            this.unknownSdk = false;
            this.firstInvocation = true;
            this.workflowRunId = requireRunId(
                    "Couldn't get workflow id from header when handling failure callback request");
        }
        else {
            String version = header("Upstash-Workflow-Sdk-Version");
            this.unknownSdk = false;
            this.firstInvocation = (version == null);
            if (version != null && !version.equals("1")) {
                throw new WorkflowProtocolException("Incompatible workflow sdk protocol version. Expected 1, got "
                        + version + " from the request.");
            }
            this.workflowRunId = this.firstInvocation ? WorkflowTrigger.to(workflowUrl).getWorkflowRunId()
                    : requireRunId("Couldn't get workflow id from header");
        }
    }

    /**
     * Reads and classifies a request.
     * @throws WorkflowProtocolException for a request that breaks the protocol
     */
    static WorkflowRequest of(HttpServletRequest request, byte[] body, String workflowUrl) {
        if (!workflowUrl.startsWith("http://") && !workflowUrl.startsWith("https://")) {
            throw new WorkflowProtocolException(
                    "Workflow URL should start with 'http://' or 'https://'. Received is '" + workflowUrl + "'");
        }
        return new WorkflowRequest(request, new String(body, StandardCharsets.UTF_8), workflowUrl);
    }

    private String requireRunId(String message) {
        String runId = header(RUN_ID);
        if (runId == null) {
            throw new WorkflowProtocolException(message);
        }
        return runId;
    }

    /** A header's value; {@code null} when absent or empty, as the official SDK tests. */
    @Nullable String header(String name) {
        String value = this.request.getHeader(name);
        return (value == null || value.isEmpty()) ? null : value;
    }

    boolean has(String name) {
        return header(name) != null;
    }

    String body() {
        return this.body;
    }

    String workflowUrl() {
        return this.workflowUrl;
    }

    String workflowRunId() {
        return this.workflowRunId;
    }

    boolean firstInvocation() {
        return this.firstInvocation;
    }

    boolean unknownSdk() {
        return this.unknownSdk;
    }

    boolean isFailureCallback() {
        return "true".equals(header("Upstash-Workflow-Is-Failure")) || has("Upstash-Workflow-Failure-Callback");
    }

    boolean isCallResult() {
        return this.request.getHeader("Upstash-Workflow-Callback") != null;
    }

    int invokeCount() {
        return number(header("Upstash-Workflow-Invoke-Count"));
    }

    int retried() {
        return number(header("Upstash-Retried"));
    }

    List<String> labels() {
        String label = header("Upstash-Label");
        return (label != null) ? List.of(label.split(",")) : List.of();
    }

    @Nullable Long createdAt() {
        String createdAt = header("Upstash-Workflow-CreatedAt");
        if (createdAt == null) {
            return null;
        }
        try {
            return Long.parseLong(createdAt.trim());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    static @Nullable Instant instant(@Nullable Long millis) {
        return (millis != null) ? Instant.ofEpochMilli(millis) : null;
    }

    /**
     * The user's headers: every header of the request except the QStash region, the
     * workflow protocol's ({@code Upstash-Workflow-*}) and those proxies add
     * ({@code X-Forwarded-*}, {@code X-Vercel-*}, Cloudflare's, Render's), as the
     * official SDK's {@code recreateUserHeaders} keeps them; names in lower case.
     */
    HttpHeaders userHeaders() {
        HttpHeaders headers = new HttpHeaders();
        for (String name : Collections.list(this.request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (isUserHeader(lower)) {
                headers.addAll(lower, Collections.list(this.request.getHeaders(name)));
            }
        }
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }

    private static boolean isUserHeader(String lower) {
        if (lower.equals("upstash-label")) {
            return true;
        }
        return !lower.equals("upstash-region") && !lower.startsWith("upstash-workflow-")
                && !lower.startsWith("x-vercel-") && !lower.startsWith("x-forwarded-")
                && !Arrays.asList("cf-connecting-ip", "cdn-loop", "cf-ew-via", "cf-ray", "render-proxy-ttl")
                    .contains(lower);
    }

    private static int number(@Nullable String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

}
