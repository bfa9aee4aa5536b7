package io.github.qstashspring.workflow;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import io.github.qstashspring.signature.QStashSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code context.run} over real HTTP: the first invocation publishes the trigger, each
 * delivery runs the one new step and publishes it, replays return recorded results
 * without running the code, and the last delivery ends the run with its result.
 */
class RunStepTests extends WorkflowEndpointTestSupport {

    @Autowired
    MockMvc mvc;

    private static final String PAYLOAD = "{\"id\":\"o-1\",\"amount\":5}";

    private static final String CHARGE = "{\"stepId\":1,\"stepName\":\"charge\",\"stepType\":\"Run\","
            + "\"out\":\"{\\\"orderId\\\":\\\"o-1\\\",\\\"status\\\":\\\"charged\\\"}\",\"concurrent\":1}";

    private static final String DESCRIBE = "{\"stepId\":2,\"stepName\":\"describe\",\"stepType\":\"Run\","
            + "\"out\":\"\\\"order o-1\\\"\",\"concurrent\":1}";

    private static final String NOTIFY_SHOP = "{\"stepId\":3,\"stepName\":\"notify-shop\",\"stepType\":\"Run\","
            + "\"concurrent\":1}";

    private static final String LIST = "{\"stepId\":4,\"stepName\":\"list\",\"stepType\":\"Run\",\"out\":\"[1,2]\","
            + "\"concurrent\":1}";

    @Test
    void aPostWithoutWorkflowHeadersStartsARunByPublishingItsTrigger() throws Exception {
        Reply reply = deliver("/workflows/run", PAYLOAD,
                Map.of("Content-Type", "application/json", "X-Tenant", "acme"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().getFirst("Upstash-Workflow-Sdk-Version")).isEqualTo("1");
        assertThat(reply.headers().getFirst("Upstash-Workflow-Sdk")).isEqualTo("v1.3.2");
        assertThat(reply.headers().getFirst("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
        String runId = reply.json().get("workflowRunId").asString();
        assertThat(runId).matches("wfr_[A-Za-z0-9_-]{21}");
        assertThat(reply.json().get("finishCondition").asString()).isEqualTo("success");
        JsonNode trigger = batch(onlyQStashRequest()).get(0);
        assertThat(trigger.get("destination").asString()).isEqualTo(url("/workflows/run"));
        assertThat(trigger.get("body").asString()).isEqualTo(PAYLOAD);
        Map<String, String> headers = headers(trigger);
        assertThat(headers).containsEntry("upstash-workflow-init", "true")
            .containsEntry("upstash-workflow-runid", runId)
            .containsEntry("upstash-workflow-url", url("/workflows/run"))
            .containsEntry("upstash-feature-set", FEATURES)
            .containsEntry("upstash-workflow-sdk-version", "1")
            .containsEntry("upstash-forward-upstash-workflow-sdk-version", "1")
            .containsEntry("content-type", "application/json")
            .containsEntry("upstash-forward-content-type", "application/json")
            .containsEntry("upstash-forward-x-tenant", "acme")
            .containsEntry("upstash-method", "POST");
        assertThat(headers).doesNotContainKeys("upstash-failure-callback", "upstash-retries",
                "upstash-forward-upstash-signature-missing");
        assertThat(this.journal.entries()).isEmpty();
    }

    @Test
    void theFirstStepRunsAndIsPublishedAsABatchMessage() throws Exception {
        Reply reply = step("/workflows/run", "wfr_run1", history(PAYLOAD));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(json("{\"workflowRunId\":\"wfr_run1\",\"finishCondition\":\"success\"}"));
        assertThat(this.journal.entries()).containsExactly("charge o-1");
        JsonNode message = batch(onlyQStashRequest()).get(0);
        assertThat(message.get("destination").asString()).isEqualTo(url("/workflows/run"));
        assertThat(json(message.get("body").asString())).isEqualTo(json(CHARGE));
        assertThat(headers(message)).isEqualTo(stepMessageHeaders("wfr_run1", url("/workflows/run")));
    }

    @Test
    void theAnswerIsTheSameWhateverTheDeliveryAccepts() throws Exception {
        Map<String, String> headers = stepHeaders("wfr_run1");
        headers.put("Accept", "application/xml");

        Reply reply = deliver("/workflows/run", history(PAYLOAD), headers);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().getFirst("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
    }

    @Test
    void recordedStepsAreReplayedWithoutRunningTheirCode() throws Exception {
        step("/workflows/run", "wfr_run1", history(PAYLOAD, CHARGE));

        assertThat(this.journal.entries()).isEmpty();
        JsonNode message = batch(onlyQStashRequest()).get(0);
        assertThat(json(message.get("body").asString())).isEqualTo(json(DESCRIBE));
    }

    @Test
    void aStepWithoutResultHasNoOutAndAGenericResultIsRecordedAsJson() throws Exception {
        step("/workflows/run", "wfr_run1", history(PAYLOAD, CHARGE, DESCRIBE));
        assertThat(json(batch(onlyQStashRequest()).get(0).get("body").asString())).isEqualTo(json(NOTIFY_SHOP));
        assertThat(this.journal.entries()).containsExactly("shop notified");

        resetQStash();
        step("/workflows/run", "wfr_run1", history(PAYLOAD, CHARGE, DESCRIBE, NOTIFY_SHOP));
        assertThat(json(batch(onlyQStashRequest()).get(0).get("body").asString())).isEqualTo(json(LIST));
    }

    @Test
    void aDeliveryThroughMockMvcRunsTheStepAsWell() throws Exception {
        String history = history(PAYLOAD);
        String signature = new QStashSigner(WorkflowTestApplication.CURRENT_KEY).sign("http://localhost/workflows/run",
                history.getBytes(StandardCharsets.UTF_8));

        this.mvc
            .perform(post("/workflows/run").content(history)
                .header("Upstash-Signature", signature)
                .header("Upstash-Workflow-Sdk-Version", "1")
                .header("Upstash-Workflow-RunId", "wfr_mock"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.finishCondition").value("success"));

        assertThat(this.journal.entries()).containsExactly("charge o-1");
        assertThat(json(batch(onlyQStashRequest()).get(0).get("body").asString())).isEqualTo(json(CHARGE));
    }

    @Test
    void whenEveryStepIsRecordedTheRunEndsWithTheResult() throws Exception {
        Reply reply = step("/workflows/run", "wfr_run1", history(PAYLOAD, CHARGE, DESCRIBE, NOTIFY_SHOP, LIST));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("finishCondition").asString()).isEqualTo("success");
        LoggedRequest request = onlyQStashRequest();
        assertThat(request.getMethod().getName()).isEqualTo("DELETE");
        assertThat(request.getUrl()).isEqualTo("/v2/workflows/runs/wfr_run1?cancel=false");
        assertThat(json(request.getBodyAsString())).isEqualTo(json(
                "{\"receipt\":{\"orderId\":\"o-1\",\"status\":\"charged\"},\"text\":\"order o-1\",\"list\":[1,2]}"));
        assertThat(this.journal.entries()).isEmpty();
    }

}
