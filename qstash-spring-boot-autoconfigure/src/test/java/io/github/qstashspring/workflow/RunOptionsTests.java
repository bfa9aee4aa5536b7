package io.github.qstashspring.workflow;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.qstashspring.workflow.WorkflowScenarios.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run options of {@code @QStashWorkflow} (placeholders resolved) apply to the runs
 * the endpoint starts itself: retries, flow control, labels and the failure callback to
 * the workflow, which has a failure handler.
 */
class RunOptionsTests extends WorkflowEndpointTestSupport {

    @Test
    void aRunTheEndpointStartsCarriesTheWorkflowsOptions() throws Exception {
        Reply reply = deliver("/workflows/guarded", ORDER,
                Map.of("Content-Type", "application/json", "Upstash-Label", "direct", "X-Allowed", "yes"));

        assertThat(reply.status()).isEqualTo(200);
        String runId = reply.json().get("workflowRunId").asString();
        JsonNode trigger = batch(onlyQStashRequest()).get(0);
        assertThat(headers(trigger)).containsEntry("upstash-workflow-runid", runId)
            .containsEntry("upstash-retries", "5")
            .containsEntry("upstash-flow-control-key", "guard")
            .containsEntry("upstash-flow-control-value", "parallelism=2, rate=10, period=60s")
            .containsEntry("upstash-label", "direct,guarded,from-placeholder")
            .containsEntry("upstash-forward-upstash-label", "direct,guarded,from-placeholder")
            .containsEntry("upstash-forward-x-allowed", "yes")
            .containsEntry("upstash-failure-callback", url("/workflows/guarded"))
            .containsEntry("upstash-failure-callback-workflow-runid", runId)
            .containsEntry("upstash-failure-callback-retries", "5")
            .containsEntry("upstash-failure-callback-forward-x-allowed", "yes");
    }

    @Test
    void theWorkflowRunsAsARouteThatSpringSecurityLetsThrough() throws Exception {
        Reply reply = step("/workflows/guarded", "wfr_g2", history(ORDER));

        assertThat(reply.status()).as("not 401/403 from the application's security").isEqualTo(400);
    }

}
