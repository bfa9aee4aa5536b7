package io.github.qstashspring.broker.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.TestReceiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workflow DLQ over real HTTP, on an H2 database: runs are triggered as
 * {@code @upstash/workflow} 1.3.3 triggers them (a one-element {@code POST /v2/batch}),
 * their endpoint answers 500 (as a workflow endpoint, with
 * {@code Upstash-Workflow-Sdk-Version: 1}) and, with no retries, the run fails with its
 * trigger in the DLQ. Then the entries are listed ({@code GET /v2/workflows/dlq} and the
 * SDK's {@code GET /v2/dlq?source=workflow}), filtered, paged, read, deleted and
 * restarted, and failed failure callbacks retried.
 */
class WorkflowDeadLetterTests extends BrokerTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String WORKFLOW = "/workflow";

    @BeforeEach
    void failingWorkflowEndpoint() {
        this.receiver.reply(WORKFLOW, 500, Map.of("Upstash-Workflow-Sdk-Version", "1"));
    }

    @Test
    void aFailedRunIsListedAsItsFailedMessageWithTheRunsFields() {
        String dlqId = failRun("wfr_listed", WORKFLOW, Map.of("upstash-label", "billing",
                "upstash-forward-upstash-label", "billing", "upstash-forward-x-tenant", "t1"), "{\"order\":1}");
        JsonNode messages = list("/v2/workflows/dlq").get("messages");
        assertThat(messages).hasSize(1);
        JsonNode entry = messages.get(0);
        assertThat(entry.get("dlqId").asString()).isEqualTo(dlqId);
        assertThat(entry.get("messageId").asString()).startsWith("msg_");
        assertThat(entry.get("url").asString()).isEqualTo(this.receiver.url(WORKFLOW));
        assertThat(entry.get("method").asString()).isEqualTo("POST");
        assertThat(entry.get("header").get("X-Tenant").get(0).asString()).isEqualTo("t1");
        assertThat(entry.get("body").asString()).contains(base64("{\"order\":1}"));
        assertThat(entry.get("maxRetries").asInt()).isZero();
        assertThat(entry.get("notBefore").isNumber()).isTrue();
        assertThat(entry.get("createdAt").isNumber()).isTrue();
        assertThat(entry.get("callerIP").asString()).isEqualTo("127.0.0.1");
        assertThat(entry.get("workflowRunId").asString()).isEqualTo("wfr_listed");
        assertThat(entry.get("workflowCreatedAt").isIntegralNumber()).isTrue();
        assertThat(entry.get("workflowUrl").asString()).isEqualTo(this.receiver.url(WORKFLOW));
        assertThat(entry.get("responseStatus").asInt()).isEqualTo(500);
        assertThat(entry.get("responseHeader").get("Upstash-Workflow-Sdk-Version").get(0).asString()).isEqualTo("1");
        assertThat(entry.get("label").asString()).isEqualTo("billing");
        assertThat(entry.get("labels").get(0).asString()).isEqualTo("billing");
        assertThat(entry.has("failureCallbackInfo")).isFalse();
        assertThat(list("/v2/dlq?source=workflow")).isEqualTo(list("/v2/workflows/dlq"));
        assertThat(this.api.get("/v2/workflows/dlq/" + dlqId).json()).isEqualTo(entry);
    }

    @Test
    void thePlainDlqListsEveryEntryAndTheWorkflowSourceOnlyThoseOfRuns() {
        String workflowEntry = failRun("wfr_mixed", WORKFLOW, Map.of(), "{}");
        this.receiver.reply("/plain", 500, Map.of());
        String plain = publish("/plain", Map.of("Upstash-Retries", "0"), "plain");
        awaitState(plain, "FAILED");
        assertThat(dlqIds(list("/v2/dlq"))).hasSize(2).contains(workflowEntry);
        assertThat(dlqIds(list("/v2/dlq?source=workflow"))).containsExactly(workflowEntry);
        assertThat(dlqIds(list("/v2/workflows/dlq"))).containsExactly(workflowEntry);
    }

    @Test
    void filtersSelectTheEntriesOfMatchingRuns() {
        this.receiver.reply("/other", 404, Map.of("Upstash-Workflow-Sdk-Version", "1"));
        long before = this.clock.millis();
        String first = failRun("wfr_first", WORKFLOW, Map.of("upstash-label", "a"), "{}");
        advance(Duration.ofSeconds(10));
        String second = failRun("wfr_second", "/other", Map.of("upstash-label", "b", "upstash-flow-control-key",
                "tenant-1", "upstash-flow-control-value", "parallelism=2"), "{}");
        long secondCreatedAt = list("/v2/workflows/dlq?workflowRunId=wfr_second").get("messages")
            .get(0)
            .get("workflowCreatedAt")
            .asLong();
        assertThat(filtered("workflowRunId=wfr_first")).containsExactly(first);
        assertThat(filtered("workflowRunId=wfr_first,wfr_second")).containsExactly(first, second);
        assertThat(filtered("workflowUrl=" + this.receiver.url("/other"))).containsExactly(second);
        assertThat(filtered("url=" + this.receiver.url(WORKFLOW))).containsExactly(first);
        assertThat(filtered("label=b")).containsExactly(second);
        assertThat(filtered("label=a&label=b")).containsExactly(first, second);
        assertThat(filtered("responseStatus=404")).containsExactly(second);
        assertThat(filtered("flowControlKey=tenant-1")).containsExactly(second);
        assertThat(filtered("workflowCreatedAt=" + secondCreatedAt)).containsExactly(second);
        assertThat(filtered("callerIp=127.0.0.1")).containsExactly(first, second);
        assertThat(filtered("callerIp=10.0.0.1")).isEmpty();
        assertThat(filtered("fromDate=" + (before + 5000))).containsExactly(second);
        assertThat(filtered("toDate=" + (before + 5000))).containsExactly(first);
        assertThat(filtered("failureFunctionState=CALLBACK_SUCCESS")).isEmpty();
    }

    @Test
    void datesFilterByWhenTheRunFailedNotWhenItStarted() {
        long triggered = this.clock.millis();
        publishTrigger("wfr_delayed", WORKFLOW, Map.of("upstash-delay", "60s"), "{}");
        advance(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> filtered("workflowRunId=wfr_delayed").size() == 1);
        String dlqId = filtered("workflowRunId=wfr_delayed").get(0);
        assertThat(this.api.get("/v2/workflows/dlq/" + dlqId).json().get("workflowCreatedAt").asLong())
            .isEqualTo(triggered);
        assertThat(filtered("fromDate=" + (triggered + 30_000))).containsExactly(dlqId);
        assertThat(filtered("toDate=" + (triggered + 30_000))).isEmpty();
    }

    @Test
    void theFailureCallbackStateIsShownAndFiltered() {
        this.receiver.reply("/failure-broken", 500, Map.of());
        String succeeded = failRun("wfr_callback_ok", WORKFLOW, failureCallback("/failure"), "{}");
        Map<String, String> broken = new LinkedHashMap<>(failureCallback("/failure-broken"));
        broken.put("upstash-failure-callback-retries", "0");
        String failed = failRun("wfr_callback_failed", WORKFLOW, broken, "{}");
        await().atMost(Duration.ofSeconds(30))
            .until(() -> filtered("failureFunctionState=CALLBACK_SUCCESS").equals(List.of(succeeded))
                    && filtered("failureFunctionState=CALLBACK_FAIL").equals(List.of(failed)));
        JsonNode ok = this.api.get("/v2/workflows/dlq/" + succeeded).json();
        assertThat(ok.get("failureCallback").asString()).isEqualTo(this.receiver.url("/failure"));
        assertThat(ok.get("failureFunctionState").asString()).isEqualTo("CALLBACK_SUCCESS");
        assertThat(ok.get("failureCallbackInfo").get("state").asString()).isEqualTo("CALLBACK_SUCCESS");
        JsonNode info = this.api.get("/v2/workflows/dlq/" + failed).json().get("failureCallbackInfo");
        assertThat(info.get("state").asString()).isEqualTo("CALLBACK_FAIL");
        assertThat(info.get("responseStatus").asInt()).isEqualTo(500);
        assertThat(info.has("responseHeaders")).isTrue();
    }

    @Test
    void listingsArePagedByCursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(failRun("wfr_paged_" + i, WORKFLOW, Map.of(), "{}"));
        }
        JsonNode first = list("/v2/dlq?source=workflow&count=2");
        assertThat(dlqIds(first)).containsExactly(ids.get(0), ids.get(1));
        JsonNode second = list("/v2/dlq?source=workflow&count=2&cursor=" + first.get("cursor").asString());
        assertThat(dlqIds(second)).containsExactly(ids.get(2));
        assertThat(second.has("cursor")).isFalse();
    }

    @Test
    void anEntryIsReadAndDeletedByItsId() {
        String dlqId = failRun("wfr_deleted", WORKFLOW, Map.of(), "{}");
        assertThat(this.api.get("/v2/workflows/dlq/" + dlqId).status()).isEqualTo(200);
        assertThat(this.api.delete("/v2/workflows/dlq/" + dlqId).status()).isEqualTo(200);
        assertThat(this.api.get("/v2/workflows/dlq/" + dlqId).status()).isEqualTo(404);
        assertThat(this.api.delete("/v2/workflows/dlq/" + dlqId).status()).isEqualTo(404);
        assertThat(dlqIds(list("/v2/dlq"))).isEmpty();
    }

    @Test
    void unknownEntriesAreNotFound() {
        BrokerClient.Response response = this.api.get("/v2/workflows/dlq/1-1");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).contains("1-1");
        this.receiver.reply("/plain", 500, Map.of());
        String plain = publish("/plain", Map.of("Upstash-Retries", "0"), "plain");
        awaitState(plain, "FAILED");
        String plainDlqId = dlqIds(list("/v2/dlq")).get(0);
        assertThat(this.api.get("/v2/workflows/dlq/" + plainDlqId).status()).isEqualTo(404);
        assertThat(this.api.delete("/v2/workflows/dlq/" + plainDlqId).status()).isEqualTo(404);
    }

    @Test
    void entriesAreDeletedInBulkByIdsOrByFilter() {
        String first = failRun("wfr_bulk_1", WORKFLOW, Map.of("upstash-label", "keep"), "{}");
        String second = failRun("wfr_bulk_2", WORKFLOW, Map.of("upstash-label", "drop"), "{}");
        String third = failRun("wfr_bulk_3", WORKFLOW, Map.of("upstash-label", "drop"), "{}");
        String fourth = failRun("wfr_bulk_4", WORKFLOW, Map.of("upstash-label", "keep"), "{}");
        JsonNode byIds = this.api.delete("/v2/workflows/dlq?dlqIds=" + first).json();
        assertThat(byIds.get("deleted").asInt()).isEqualTo(1);
        assertThat(byIds.has("cursor")).isFalse();
        JsonNode page = this.api.delete("/v2/workflows/dlq?label=drop&count=1").json();
        assertThat(page.get("deleted").asInt()).isEqualTo(1);
        JsonNode rest = this.api.delete("/v2/workflows/dlq?label=drop&count=1&cursor=" + page.get("cursor").asString())
            .json();
        assertThat(rest.get("deleted").asInt()).isEqualTo(1);
        assertThat(dlqIds(list("/v2/workflows/dlq"))).containsExactly(fourth).doesNotContain(second, third);
        assertThat(this.api.delete("/v2/workflows/dlq?count=100").json().get("deleted").asInt()).isEqualTo(1);
        assertThat(dlqIds(list("/v2/workflows/dlq"))).isEmpty();
    }

    @Test
    void aRestartStartsANewRunFromTheInitialPayload() {
        String dlqId = failRun("wfr_restarted", WORKFLOW,
                Map.of("upstash-forward-x-tenant", "t1", "upstash-label", "first"), "{\"order\":7}");
        BrokerClient.Response response = this.api.post("/v2/workflows/dlq/restart?dlqIds=" + dlqId,
                Map.of("Upstash-Label", "again"), "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode runs = response.json().get("workflowRuns");
        assertThat(runs).hasSize(1);
        String newRunId = runs.get(0).get("workflowRunId").asString();
        assertThat(newRunId).startsWith("wfr_").isNotEqualTo("wfr_restarted");
        assertThat(runs.get(0).get("workflowCreatedAt").isIntegralNumber()).isTrue();
        TestReceiver.Received trigger = awaitReceived(WORKFLOW, 2).get(1);
        assertThat(trigger.header("Upstash-Workflow-Runid")).isEqualTo(newRunId);
        assertThat(trigger.header("Upstash-Workflow-Sdk-Version")).isEqualTo("1");
        assertThat(trigger.header("X-Tenant")).isEqualTo("t1");
        JsonNode history = JSON.readTree(trigger.body());
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("body").asString()).isEqualTo(base64("{\"order\":7}"));
        // The new run is a run like any other: its endpoint still fails, and so does the
        // run, with the label the restart gave it.
        await().atMost(Duration.ofSeconds(30)).until(() -> filtered("workflowRunId=" + newRunId).size() == 1);
        assertThat(this.api.get("/v2/workflows/dlq/" + dlqId).status()).isEqualTo(404);
        JsonNode restarted = list("/v2/workflows/dlq").get("messages");
        assertThat(restarted).hasSize(1);
        assertThat(restarted.get(0).get("labels").get(0).asString()).isEqualTo("again");
        assertThat(restarted.get(0).get("header").get("X-Tenant").get(0).asString()).isEqualTo("t1");
    }

    @Test
    void aRestartByIdInThePathAnswersTheNewRun() {
        String dlqId = failRun("wfr_restart_one", WORKFLOW, Map.of(), "{}");
        BrokerClient.Response response = this.api.post("/v2/workflows/dlq/restart/" + dlqId, Map.of(), "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("workflowRunId").asString()).startsWith("wfr_").isNotEqualTo("wfr_restart_one");
        assertThat(this.api.post("/v2/workflows/dlq/restart/" + dlqId, Map.of(), "").status()).isEqualTo(404);
    }

    @Test
    void restartsByFilterArePagedByCursor() {
        String first = failRun("wfr_restart_a", WORKFLOW, Map.of("upstash-label", "batch"), "{}");
        failRun("wfr_restart_b", WORKFLOW, Map.of("upstash-label", "batch"), "{}");
        // The restarted runs succeed: none comes back into the DLQ behind the cursor.
        this.receiver.reply(WORKFLOW, 200, Map.of("Upstash-Workflow-Sdk-Version", "1"));
        JsonNode page = this.api.post("/v2/workflows/dlq/restart?label=batch&count=1", Map.of(), "").json();
        assertThat(page.get("workflowRuns")).hasSize(1);
        assertThat(this.api.get("/v2/workflows/dlq/" + first).status()).isEqualTo(404);
        JsonNode rest = this.api
            .post("/v2/workflows/dlq/restart?label=batch&count=1&cursor=" + page.get("cursor").asString(), Map.of(), "")
            .json();
        assertThat(rest.get("workflowRuns")).hasSize(1);
        assertThat(rest.has("cursor")).isFalse();
    }

    @Test
    void aFailedFailureCallbackIsRetried() {
        this.receiver.reply("/failure", 500, Map.of());
        Map<String, String> headers = new LinkedHashMap<>(failureCallback("/failure"));
        headers.put("upstash-failure-callback-retries", "0");
        String dlqId = failRun("wfr_callback_retried", WORKFLOW, headers, "{}");
        await().atMost(Duration.ofSeconds(30))
            .until(() -> filtered("failureFunctionState=CALLBACK_FAIL").equals(List.of(dlqId)));
        assertThat(dlqIds(list("/v2/dlq"))).hasSize(2);
        this.receiver.reply("/failure", 200, Map.of());
        BrokerClient.Response response = this.api.post("/v2/workflows/dlq/callback/" + dlqId, Map.of(), "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("workflowRunId").asString()).isEqualTo("wfr_callback_retried");
        assertThat(response.json().get("workflowCreatedAt").isIntegralNumber()).isTrue();
        await().atMost(Duration.ofSeconds(30))
            .until(() -> filtered("failureFunctionState=CALLBACK_SUCCESS").equals(List.of(dlqId)));
        List<TestReceiver.Received> calls = this.receiver.received("/failure");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).header("Upstash-Workflow-Is-Failure")).isEqualTo("true");
        assertThat(calls.get(1).header("Upstash-Workflow-Runid")).isEqualTo("wfr_callback_retried");
        assertThat(calls.get(1).text()).isEqualTo(calls.get(0).text());
        assertThat(dlqIds(list("/v2/dlq"))).containsExactly(dlqId);
    }

    @Test
    void onlyAFailedFailureCallbackIsRetried() {
        String dlqId = failRun("wfr_no_callback", WORKFLOW, Map.of(), "{}");
        BrokerClient.Response response = this.api.post("/v2/workflows/dlq/callback/" + dlqId, Map.of(), "");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).contains("no failed failure callback");
        assertThat(this.api.post("/v2/workflows/dlq/callback/1-1", Map.of(), "").status()).isEqualTo(404);
    }

    @Test
    void resumeIsRejectedAsUnsupported() {
        String dlqId = failRun("wfr_unsupported", WORKFLOW, Map.of(), "{}");
        for (String path : List.of("/v2/workflows/dlq/resume?dlqIds=" + dlqId, "/v2/workflows/dlq/resume/" + dlqId)) {
            BrokerClient.Response response = this.api.post(path, Map.of(), "");
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.json().get("error").asString()).contains("not supported by the embedded broker");
        }
        assertThat(dlqIds(list("/v2/workflows/dlq"))).containsExactly(dlqId);
    }

    @Test
    void anUnknownDlqSourceIsRejected() {
        BrokerClient.Response response = this.api.get("/v2/dlq?source=nothing");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).contains("workflow");
    }

    /**
     * Triggers a run as the SDK does and waits until it failed.
     * @return the DLQ id of its entry
     */
    private String failRun(String runId, String path, Map<String, String> headers, String payload) {
        publishTrigger(runId, path, headers, payload);
        await().atMost(Duration.ofSeconds(30)).until(() -> filtered("workflowRunId=" + runId).size() == 1);
        return filtered("workflowRunId=" + runId).get(0);
    }

    /** Triggers a run as the SDK does: a one-element batch, without retries. */
    private void publishTrigger(String runId, String path, Map<String, String> headers, String payload) {
        ObjectNode given = JSON.createObjectNode();
        given.put("upstash-method", "POST");
        given.put("upstash-workflow-init", "true");
        given.put("upstash-workflow-runid", runId);
        given.put("upstash-workflow-url", this.receiver.url(path));
        given.put("upstash-workflow-sdk-version", "1");
        given.put("upstash-forward-upstash-workflow-sdk-version", "1");
        given.put("upstash-feature-set", "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig");
        given.put("content-type", "application/json");
        given.put("upstash-retries", "0");
        headers.forEach(given::put);
        ArrayNode batch = JSON.createArrayNode();
        ObjectNode element = batch.addObject();
        element.put("destination", this.receiver.url(path));
        element.put("body", payload);
        element.set("headers", given);
        BrokerClient.Response response = this.api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                JSON.writeValueAsString(batch));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private Map<String, String> failureCallback(String path) {
        return Map.of("upstash-failure-callback", this.receiver.url(path),
                "upstash-failure-callback-forward-upstash-workflow-is-failure", "true",
                "upstash-failure-callback-forward-upstash-workflow-failure-callback", "true");
    }

    private JsonNode list(String pathAndQuery) {
        BrokerClient.Response response = this.api.get(pathAndQuery);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private List<String> filtered(String query) {
        return dlqIds(list("/v2/workflows/dlq?" + query));
    }

    private static List<String> dlqIds(JsonNode listing) {
        List<String> ids = new ArrayList<>();
        listing.get("messages").forEach((entry) -> ids.add(entry.get("dlqId").asString()));
        return ids;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
