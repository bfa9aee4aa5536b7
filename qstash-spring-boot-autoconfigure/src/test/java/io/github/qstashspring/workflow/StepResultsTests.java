package io.github.qstashspring.workflow;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.github.qstashspring.workflow.WorkflowScenarios.CHILD_DONE;
import static io.github.qstashspring.workflow.WorkflowScenarios.DOWNLOAD;
import static io.github.qstashspring.workflow.WorkflowScenarios.FETCH;
import static io.github.qstashspring.workflow.WorkflowScenarios.HOOK;
import static io.github.qstashspring.workflow.WorkflowScenarios.HOOK_CALLED;
import static io.github.qstashspring.workflow.WorkflowScenarios.LEFT;
import static io.github.qstashspring.workflow.WorkflowScenarios.NAPPED;
import static io.github.qstashspring.workflow.WorkflowScenarios.NOTIFIED;
import static io.github.qstashspring.workflow.WorkflowScenarios.PAID;
import static io.github.qstashspring.workflow.WorkflowScenarios.PLAN_LEFT;
import static io.github.qstashspring.workflow.WorkflowScenarios.PLAN_NAP;
import static io.github.qstashspring.workflow.WorkflowScenarios.PLAN_RIGHT;
import static io.github.qstashspring.workflow.WorkflowScenarios.RIGHT;
import static io.github.qstashspring.workflow.WorkflowScenarios.WAIT_TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a workflow's code gets back from each kind of recorded step, read from the
 * histories the protocol defines: typed results, call responses (text re-read as UTF-8,
 * bytes kept), event data, timeouts, invoked runs' results, webhook calls, parallel
 * results.
 */
class StepResultsTests extends WorkflowEndpointTestSupport {

    @Test
    void aCallResponseOfTextIsReadAsUtf8JsonAndBinaryBodiesKeepTheirBytes() throws Exception {
        step("/workflows/call", "wfr_call1", history("\"x\"", FETCH));
        assertThat(this.journal.entries()).containsExactly("status 201 body {\"price\":\"\u00e912\"}");

        this.journal.clear();
        resetQStash();
        Reply reply = step("/workflows/call", "wfr_call1", history("\"x\"", FETCH, DOWNLOAD));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(this.journal.entries()).containsExactly("status 201 body {\"price\":\"\u00e912\"}", "bytes 2");
        LoggedRequest end = onlyQStashRequest();
        assertThat(end.getUrl()).isEqualTo("/v2/workflows/runs/wfr_call1?cancel=false");
        assertThat(json(end.getBodyAsString())).isEqualTo(json("{\"price\":\"\u00e912\"}"));
    }

    @Test
    void aCallIsPublishedWithItsOwnRetriesTimeoutAndFlowControlAndACallbackToTheWorkflow() throws Exception {
        step("/workflows/call", "wfr_call1", history("\"x\""));

        JsonNode message = batch(onlyQStashRequest()).get(0);
        assertThat(message.get("destination").asString()).isEqualTo("https://api.example.com/quotes");
        assertThat(message.get("body").asString()).isEqualTo("{\"q\":1}");
        assertThat(headers(message)).containsEntry("upstash-method", "POST")
            .containsEntry("upstash-workflow-calltype", "toCallback")
            .containsEntry("upstash-feature-set", "WF_NoDelete,InitialBody")
            .containsEntry("upstash-retries", "2")
            .containsEntry("upstash-timeout", "30s")
            .containsEntry("upstash-flow-control-key", "api")
            .containsEntry("upstash-flow-control-value", "rate=5")
            .containsEntry("upstash-forward-x-key", "k")
            .containsEntry("upstash-callback", url("/workflows/call"))
            .containsEntry("upstash-callback-workflow-runid", "wfr_call1")
            .containsEntry("upstash-callback-workflow-calltype", "fromCallback")
            .containsEntry("upstash-callback-feature-set", FEATURES)
            .containsEntry("upstash-callback-forward-upstash-workflow-callback", "true")
            .containsEntry("upstash-callback-forward-upstash-workflow-stepid", "1")
            .containsEntry("upstash-callback-forward-upstash-workflow-stepname", "fetch")
            .containsEntry("upstash-callback-forward-upstash-workflow-steptype", "Call")
            .containsEntry("upstash-callback-forward-upstash-workflow-concurrent", "1")
            .containsEntry("upstash-callback-forward-upstash-workflow-contenttype", "application/json")
            .doesNotContainKey("upstash-forward-upstash-workflow-sdk-version");
    }

    @Test
    void theFinalCallbackOfACallBecomesTheStepResult() throws Exception {
        WorkflowScenarios.Scenario callback = WorkflowScenarios.callback("final", 201, 2, 2);
        Reply reply = deliver(callback.path(), callback.body(), callback.headers());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("finishCondition").asString()).isEqualTo("fromCallback");
        LoggedRequest published = onlyQStashRequest();
        assertThat(published.getUrl()).isEqualTo("/v2/publish/" + url("/workflows/call"));
        assertThat(json(published.getBodyAsString())).isEqualTo(json(FETCH));
    }

    @Test
    void theCallbackOfACallIsRecordedAlthoughTheWorkflowDereferencesItsPayloadBeforeItsFirstStep() throws Exception {
        // The callback stands in for the payload, which reads as null here.
        WorkflowScenarios.Scenario callback = WorkflowScenarios.callback("final", 201, 2, 2);
        Reply reply = deliver("/workflows/call-order", callback.body(), callback.headers());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("finishCondition").asString()).isEqualTo("fromCallback");
        LoggedRequest published = onlyQStashRequest();
        assertThat(published.getUrl()).isEqualTo("/v2/publish/" + url("/workflows/call-order"));
        assertThat(json(published.getBodyAsString())).isEqualTo(json(FETCH));
        assertThat(this.journal.entries()).isEmpty();
    }

    @Test
    void anEmptyCallbackIsReadFromTheRunsHistoryByItsMessageId() throws Exception {
        WorkflowScenarios.Scenario callback = WorkflowScenarios.callback("lazy", 201, 2, 2);
        ArrayNode entries = JSON.createArrayNode();
        entries.add(entry("msg_0", "\"x\"", "step"));
        entries.add(entry("msg_call", "{}", "toCallback"));
        entries.add(entry("msg_callback", callback.body(), "fromCallback"));
        QSTASH.stubFor(
                get("/v2/workflows/runs/wfr_call1").atPriority(1).willReturn(okJson(JSON.writeValueAsString(entries))));

        Reply reply = deliver(callback.path(), "", callback.headers());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(qstashRequests()).hasSize(2);
        LoggedRequest published = qstashRequests().get(1);
        assertThat(published.getUrl()).isEqualTo("/v2/publish/" + url("/workflows/call"));
        assertThat(json(published.getBodyAsString())).isEqualTo(json(FETCH));
    }

    @Test
    void aFailedAttemptThatQStashRetriesPublishesNothing() throws Exception {
        WorkflowScenarios.Scenario callback = WorkflowScenarios.callback("retrying", 503, 0, 2);
        Reply reply = deliver(callback.path(), callback.body(), callback.headers());

        assertThat(reply.json().get("finishCondition").asString()).isEqualTo("fromCallback");
        assertThat(qstashRequests()).isEmpty();
    }

    @Test
    void aWaitGetsTheTypedEventDataOrItsTimeout() throws Exception {
        step("/workflows/wait", "wfr_wait1", history("\"x\"", PAID));
        assertThat(this.journal.entries()).containsExactly("paid 7");
        LoggedRequest notify = qstashRequests().get(0);
        assertThat(notify.getUrl()).isEqualTo("/v2/notify/shipping-1");
        JsonNode notifyStep = json(batch(qstashRequests().get(1)).get(0).get("body").asString());
        assertThat(json(notifyStep.get("out").asString()).get("notifyResponse").get(0).get("messageId").asString())
            .isEqualTo("msg_n");

        resetQStash();
        step("/workflows/wait", "wfr_wait1", history("\"x\"", WAIT_TIMED_OUT));
        assertThat(this.journal.entries()).containsExactly("timed out");

        resetQStash();
        step("/workflows/wait", "wfr_wait1", history("\"x\"", PAID, NOTIFIED));
        assertThat(this.journal.entries()).containsExactly("paid 7", "notified 0");
        assertThat(onlyQStashRequest().getBodyAsString()).isEqualTo("\"paid\"");
    }

    @Test
    void aWaitRegistersAWaiterWithTheStepAndTheTimeoutHeaders() throws Exception {
        step("/workflows/wait", "wfr_wait1", history("\"x\""));

        LoggedRequest wait = onlyQStashRequest();
        assertThat(wait.getUrl()).isEqualTo("/v2/wait/payment-1");
        assertThat(wait.getHeader("Upstash-Workflow-CallType")).isEqualTo("step");
        JsonNode body = json(wait.getBodyAsString());
        assertThat(body.get("url").asString()).isEqualTo(url("/workflows/wait"));
        assertThat(body.get("timeout").asString()).isEqualTo("1h");
        assertThat(body.get("timeoutUrl").asString()).isEqualTo(url("/workflows/wait"));
        assertThat(body.get("step"))
            .isEqualTo(json("{\"stepId\":1,\"stepType\":\"Wait\",\"stepName\":\"wait-payment\",\"concurrent\":1}"));
        assertThat(body.get("timeoutHeaders").get("Upstash-Workflow-Runid").get(0).asString()).isEqualTo("wfr_wait1");
        assertThat(body.get("timeoutHeaders").get("Upstash-Workflow-Sdk-Version").get(0).asString()).isEqualTo("1");
    }

    @Test
    void anInvokePublishesTheChildTriggerAndReadsItsResult() throws Exception {
        step("/workflows/invoke", "wfr_invoke1", history("\"x\""));

        LoggedRequest invoke = onlyQStashRequest();
        assertThat(invoke.getUrl()).isEqualTo("/v2/publish/" + url("/workflows/run"));
        assertThat(invoke.getHeader("Upstash-Workflow-Invoke")).isEqualTo("true");
        assertThat(invoke.getHeader("Upstash-Workflow-RunId")).isEqualTo("wfr_child-1");
        assertThat(invoke.getHeader("Upstash-Retries")).isEqualTo("1");
        assertThat(invoke.getHeader("Upstash-Forward-Upstash-Workflow-Invoke-Count")).isEqualTo("1");
        assertThat(invoke.getHeader("Upstash-Failure-Callback")).isEqualTo(url("/workflows/run"));
        JsonNode envelope = json(invoke.getBodyAsString());
        assertThat(envelope.get("body").asString()).isEqualTo("{\"id\":\"o-9\",\"amount\":9}");
        assertThat(envelope.get("workflowRunId").asString()).isEqualTo("wfr_invoke1");
        assertThat(envelope.get("workflowRunCreatedAt").asLong()).isEqualTo(1700000000000L);
        assertThat(envelope.get("step").get("stepName").asString()).isEqualTo("invoke-child");

        resetQStash();
        step("/workflows/invoke", "wfr_invoke1", history("\"x\"", CHILD_DONE));
        assertThat(this.journal.entries()).containsExactly("child charged");
    }

    @Test
    void aWebhookIsCreatedOnQStashForTheRunAndItsCallIsRead() throws Exception {
        step("/workflows/webhook", "wfr_hook1", history("\"x\""));
        JsonNode created = json(batch(onlyQStashRequest()).get(0).get("body").asString());
        JsonNode hook = json(created.get("out").asString());
        assertThat(hook.get("eventId").asString()).matches("evt_[A-Za-z0-9_-]{15}");
        assertThat(hook.get("webhookUrl").asString()).isEqualTo(
                QSTASH.baseUrl() + "/v2/workflows/hooks/defaultUser/wfr_hook1/" + hook.get("eventId").asString());

        resetQStash();
        step("/workflows/webhook", "wfr_hook1", history("\"x\"", HOOK));
        assertThat(onlyQStashRequest().getUrl()).isEqualTo("/v2/wait/evt_abc");

        this.journal.clear();
        step("/workflows/webhook", "wfr_hook1", history("\"x\"", HOOK, HOOK_CALLED));
        assertThat(this.journal.entries()).containsExactly(
                "hook https://qstash.example/v2/workflows/hooks/defaultUser/wfr_hook1/evt_abc",
                "hook POST https://qstash.example/v2/workflows/hooks/defaultUser/wfr_hook1/evt_abc?ref=7 paid in full");
    }

    @Test
    void aParallelGroupRunsEachStepInItsPlansDeliveryAndContinuesWithAllResults() throws Exception {
        step("/workflows/parallel", "wfr_par1", history("\"x\""));
        JsonNode plans = batch(onlyQStashRequest());
        assertThat(plans).hasSize(3);
        assertThat(json(plans.get(1).get("body").asString())).isEqualTo(json(PLAN_NAP));
        assertThat(headers(plans.get(1))).containsEntry("upstash-delay", "5s");
        assertThat(this.journal.entries()).isEmpty();

        resetQStash();
        step("/workflows/parallel", "wfr_par1", history("\"x\"", PLAN_LEFT, PLAN_NAP, PLAN_RIGHT));
        assertThat(this.journal.entries()).containsExactly("right ran");
        assertThat(json(batch(onlyQStashRequest()).get(0).get("body").asString())).isEqualTo(json(RIGHT));

        resetQStash();
        this.journal.clear();
        Reply discarded = step("/workflows/parallel", "wfr_par1",
                history("\"x\"", PLAN_LEFT, PLAN_NAP, PLAN_RIGHT, RIGHT));
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(qstashRequests()).isEmpty();

        step("/workflows/parallel", "wfr_par1", history("\"x\"", PLAN_LEFT, PLAN_NAP, PLAN_RIGHT, RIGHT, LEFT, NAPPED));
        assertThat(this.journal.entries()).isEmpty();
        assertThat(json(batch(onlyQStashRequest()).get(0).get("body").asString()))
            .isEqualTo(json(WorkflowScenarios.SUM));
    }

}
