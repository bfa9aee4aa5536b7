package io.github.qstashspring.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.qstashspring.broker.support.BrokerClient.Response;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.TestReceiver.Received;
import io.github.qstashspring.broker.support.WorkflowWire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.github.qstashspring.broker.support.WorkflowWire.decode;
import static io.github.qstashspring.broker.support.WorkflowWire.historyBodies;
import static io.github.qstashspring.broker.support.WorkflowWire.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker's side of Upstash Workflow over real HTTP, the test playing the SDK's
 * endpoint the way {@code @upstash/workflow} 1.3.3 does (the official SDK itself runs in
 * {@link WorkflowSdkCompatibilityIT}): runs and their history, the run's headers and
 * configuration on every step, duplicate triggers, publishes to ended runs, the REST
 * trigger's handshake, the detection of non-workflow destinations, kept events, wait
 * timeouts on the broker's clock (once, with two brokers on the database), lazy fetch and
 * bulk cancel.
 */
abstract class WorkflowRunsTests extends BrokerTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WorkflowWire wire = new WorkflowWire(() -> this.api);

    @BeforeEach
    void endpointsAnswerAsTheSdk() {
        for (String path : List.of("/wf", "/wf-b", "/rest", "/failure")) {
            this.receiver.reply(path, 200, WorkflowWire.SDK_ANSWER);
        }
    }

    @Test
    void aTriggerStartsARunWhoseDeliveriesCarryTheHistoryAndTheRunsHeaders() {
        String url = this.receiver.url("/wf");
        Map<String, String> extra = Map.of("upstash-forward-x-tenant", "acme", "upstash-label", "orders",
                "upstash-forward-upstash-label", "orders");
        JsonNode published = this.wire.batch(trigger("wfr_a", url, "{\"order\":7}", extra)).json();
        Received first = awaitDelivery("/wf", 1);
        assertThat(historyBodies(first)).containsExactly("{\"order\":7}");
        assertThat(first.header("Upstash-Workflow-RunId")).isEqualTo("wfr_a");
        assertThat(Long.parseLong(first.header("Upstash-Workflow-CreatedAt"))).isPositive();
        assertThat(first.header("Upstash-Workflow-Sdk-Version")).isEqualTo("1");
        assertThat(first.header("X-Tenant")).isEqualTo("acme");
        assertThat(first.header("Upstash-Label")).isEqualTo("orders");

        this.wire.batch(step("wfr_a", url, 1, "\"charged\""));
        Received second = awaitDelivery("/wf", 2);
        List<String> history = historyBodies(second);
        assertThat(history).hasSize(2);
        assertThat(JSON.readTree(history.get(1)).get("out").asString()).isEqualTo("\"charged\"");
        assertThat(second.header("X-Tenant")).as("the trigger's headers reach every step").isEqualTo("acme");
        assertThat(second.header("Upstash-Workflow-RunId")).isEqualTo("wfr_a");

        JsonNode duplicate = this.wire.batch(trigger("wfr_a", url, "{\"order\":8}", Map.of())).json().get(0);
        assertThat(duplicate.get("deduplicated").asBoolean()).isTrue();
        assertThat(duplicate.get("messageId").asString()).isEqualTo(published.get(0).get("messageId").asString());

        assertThat(this.api.get("/v2/workflows/runs/wfr_a").json()).hasSize(2);
        assertThat(this.wire.end("wfr_a", false, "\"shipped\"").status()).isEqualTo(200);
        JsonNode run = awaitRun("wfr_a", "RUN_SUCCESS");
        assertThat(run.get("workflowRunResponse").asString()).isEqualTo("\"shipped\"");
        assertThat(run.get("labels").get(0).asString()).isEqualTo("orders");
        assertThat(run.get("steps").get(0).get("steps").get(0).get("stepType").asString()).isEqualTo("Initial");
        assertThat(this.api.get("/v2/workflows/runs/wfr_a").status()).as("the history after the end").isEqualTo(404);
        assertThat(this.wire.end("wfr_a", false, "\"again\"").status()).as("ending twice").isEqualTo(200);
        assertThat(this.wire.end("wfr_unknown", true, "").status()).isEqualTo(404);
    }

    @Test
    void aPublishForARunThatEndedIsRefusedWholeAndStoresNothing() {
        String url = this.receiver.url("/wf");
        this.wire.batch(trigger("wfr_ended", url, "{}", Map.of()));
        awaitDelivery("/wf", 1);
        this.wire.end("wfr_ended", true, "");
        awaitRun("wfr_ended", "RUN_CANCELED");

        String plain = "{\"destination\":\"" + this.receiver.url("/other") + "\",\"body\":\"late\"}";
        Response refused = this.api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                "[" + step("wfr_ended", url, 1, "1") + "," + plain + "]");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).contains("wfr_ended");

        this.api.post("/v2/batch", Map.of("Content-Type", "application/json"),
                "[{\"destination\":\"" + this.receiver.url("/other") + "\",\"body\":\"next\"}]");
        awaitDelivery("/other", 1);
        assertThat(this.receiver.received("/other")).extracting(Received::text).containsExactly("next");
    }

    @Test
    void theTriggersConfigurationAppliesToEveryStepAndAFailureFailsTheRun() {
        String url = this.receiver.url("/wf");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("upstash-retries", "0");
        config.put("upstash-failure-callback", this.receiver.url("/failure"));
        config.put("upstash-failure-callback-forward-upstash-workflow-is-failure", "true");
        config.put("upstash-failure-callback-forward-upstash-workflow-failure-callback", "true");
        this.wire.batch(trigger("wfr_fail", url, "{\"order\":9}", config));
        awaitDelivery("/wf", 1);

        this.receiver.failNext("/wf", 1, 500);
        this.wire.batch(step("wfr_fail", url, 1, "1"));
        JsonNode run = awaitRun("wfr_fail", "RUN_FAILED");
        assertThat(this.receiver.received("/wf")).as("no retry: the run's retries are 0").hasSize(2);
        assertThat(run.get("dlqId").asString()).isNotEmpty();

        Received failure = awaitDelivery("/failure", 1);
        JsonNode payload = JSON.readTree(failure.body());
        assertThat(payload.get("workflowRunId").asString()).isEqualTo("wfr_fail");
        assertThat(payload.get("workflowCreatedAt").asLong()).isEqualTo(run.get("workflowRunCreatedAt").asLong());
        assertThat(decode(payload.get("sourceBody").asString())).isEqualTo("{\"order\":9}");
        assertThat(payload.get("status").asInt()).isEqualTo(500);
        assertThat(failure.header("Upstash-Workflow-Failure-Callback")).isEqualTo("true");
        assertThat(failure.header("Upstash-Workflow-RunId")).isEqualTo("wfr_fail");
        assertThat(failure.header("Upstash-Workflow-Sdk-Version")).isNull();
        await().untilAsserted(() -> assertThat(run("wfr_fail").get("failureFunction").get("state").asString())
            .isEqualTo("CALLBACK_SUCCESS"));
        assertThat(run("wfr_fail").get("failureFunction").get("failStatus").asInt()).isEqualTo(500);
    }

    @Test
    void aTriggerToADestinationThatIsNoWorkflowFailsTheRun() {
        this.receiver.reply("/plain", 200, Map.of());
        this.wire.batch(trigger("wfr_plain", this.receiver.url("/plain"), "{}", Map.of()));
        JsonNode run = awaitRun("wfr_plain", "RUN_FAILED");
        assertThat(run.get("error").asString()).contains("non-workflow destination");
    }

    @Test
    void theRestTriggerAsksTheSdkForItsOwnTrigger() throws Exception {
        String url = this.receiver.url("/rest");
        CountDownLatch answered = new CountDownLatch(1);
        this.receiver.hold("/rest", answered);
        Response response = this.api.post("/v2/trigger/" + url,
                Map.of("Upstash-Workflow-RunId", "wfr_rest", "Content-Type", "text/plain"), "hello");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("workflowRunId").asString()).isEqualTo("wfr_rest");
        assertThat(response.json().get("workflowCreatedAt").asLong()).isPositive();

        Received handshake = awaitDelivery("/rest", 1);
        assertThat(handshake.header("Upstash-Workflow-Unknown-Sdk")).isEqualTo("true");
        assertThat(historyBodies(handshake)).containsExactly("hello");
        // The SDK publishes its own trigger for the run before it answers.
        Map<String, String> bySdk = Map.of("upstash-workflow-trigger-by-sdk", "true");
        assertThat(this.wire.batch(trigger("wfr_rest", url, "hello", bySdk)).json().get(0).has("deduplicated"))
            .isFalse();
        answered.countDown();
        Received sdkTrigger = awaitDelivery("/rest", 2);
        assertThat(sdkTrigger.header("Upstash-Workflow-Unknown-Sdk")).isNull();
        assertThat(historyBodies(sdkTrigger)).containsExactly("hello");
        assertThat(JSON.readTree(sdkTrigger.body()).get(0).get("messageId").asString())
            .isEqualTo(sdkTrigger.header("Upstash-Message-Id"));
        assertThat(run("wfr_rest").get("workflowState").asString()).isEqualTo("RUN_STARTED");

        Response again = this.api.post("/v2/trigger/" + url, Map.of("Upstash-Workflow-RunId", "wfr_rest"), "x");
        assertThat(again.json().get("deduplicated").asBoolean()).isTrue();
    }

    @Test
    void aRestTriggerWhoseDestinationIgnoresTheHandshakeFailsTheRun() {
        this.api.post("/v2/trigger/" + this.receiver.url("/wf"), Map.of("Upstash-Workflow-RunId", "wfr_old"), "x");
        JsonNode run = awaitRun("wfr_old", "RUN_FAILED");
        assertThat(run.get("error").asString()).contains("only usable with sdk versions after v1.0.0");
    }

    @Test
    void anEventForOneRunIsKeptUntilTheRunWaitsForIt() {
        String url = this.receiver.url("/wf");
        this.wire.batch(trigger("wfr_kept", url, "{}", Map.of()));
        awaitDelivery("/wf", 1);
        Response kept = this.api.post("/v2/notify/wfr_kept/evt_1", Map.of(), "{\"ok\":true}");
        assertThat(kept.status()).isEqualTo(201);
        assertThat(kept.json().get("workflowRunId").asString()).isEqualTo("wfr_kept");
        assertThat(this.api.post("/v2/notify/evt_1", Map.of(), "lost").json()).as("no waiter present").isEmpty();

        assertThat(this.wire.waitFor("wfr_kept", url, "evt_1", "1h").status()).isEqualTo(200);
        JsonNode result = JSON.readTree(lastHistoryBody(awaitDelivery("/wf", 2)));
        assertThat(result.get("stepType").asString()).isEqualTo("Wait");
        assertThat(result.get("waitEventId").asString()).isEqualTo("evt_1");
        assertThat(result.get("waitTimeout").asBoolean()).isFalse();
        assertThat(decode(result.get("out").asString())).isEqualTo("{\"ok\":true}");
        assertThat(this.api.get("/v2/waiters/evt_1").json()).isEmpty();
    }

    @Test
    void aWaitEndsWithTheNotifyOrTimesOutOnTheBrokersClock() {
        String url = this.receiver.url("/wf");
        this.wire.batch(trigger("wfr_w1", url, "{}", Map.of()));
        this.wire.batch(trigger("wfr_w2", this.receiver.url("/wf-b"), "{}", Map.of()));
        awaitDelivery("/wf", 1);
        awaitDelivery("/wf-b", 1);
        this.wire.waitFor("wfr_w1", url, "evt_order", "1h");
        this.wire.waitFor("wfr_w2", this.receiver.url("/wf-b"), "evt_order", "10s");
        assertThat(this.api.get("/v2/waiters/evt_order").json()).hasSize(2);

        this.broker.advanceClock(Duration.ofSeconds(11));
        JsonNode timedOut = JSON.readTree(lastHistoryBody(awaitDelivery("/wf-b", 2)));
        assertThat(timedOut.get("waitTimeout").asBoolean()).isTrue();
        assertThat(timedOut.has("out")).isFalse();

        JsonNode notified = this.api.post("/v2/notify/evt_order", Map.of(), "paid").json();
        assertThat(notified).hasSize(1);
        assertThat(notified.get(0).get("workflowRunId").asString()).isEqualTo("wfr_w1");
        assertThat(notified.get(0).get("waiter").get("url").asString()).isEqualTo(url);
        JsonNode resumed = JSON.readTree(lastHistoryBody(awaitDelivery("/wf", 2)));
        assertThat(decode(resumed.get("out").asString())).isEqualTo("paid");
        assertThat(this.receiver.received("/wf-b")).as("the timed-out wait ends once").hasSize(2);
    }

    @Test
    void aHistoryOverOneMebibyteIsFetchedBySdksThatCanDoSo() {
        String url = this.receiver.url("/wf");
        String half = "\"" + "x".repeat(500 * 1024) + "\"";
        this.wire.batch(trigger("wfr_large", url, half, Map.of()));
        assertThat(historyBodies(awaitDelivery("/wf", 1))).as("under 1 MiB: inline").containsExactly(half);
        this.wire.batch(step("wfr_large", url, 1, half));
        Received lazy = awaitDelivery("/wf", 2);
        assertThat(lazy.body()).as("the step's history is fetched, not sent").isEmpty();
        JsonNode fetched = this.api.get("/v2/workflows/runs/wfr_large").json();
        assertThat(fetched).hasSize(2);
        assertThat(fetched.get(1).get("messageId").asString()).isEqualTo(lazy.header("Upstash-Message-Id"));
    }

    @Test
    void twoBrokersOnOneDatabaseTimeEachWaitOutOnce() throws Exception {
        EmbeddedQStashBroker other = startBroker(this.database);
        String url = this.receiver.url("/wf");
        int runs = 8;
        for (int i = 0; i < runs; i++) {
            this.wire.batch(trigger("wfr_t" + i, url, "{}", Map.of()));
        }
        awaitDelivery("/wf", runs);
        for (int i = 0; i < runs; i++) {
            assertThat(this.wire.waitFor("wfr_t" + i, url, "evt_t" + i, "5s").status()).isEqualTo(200);
        }
        this.clock.advance(Duration.ofSeconds(6));
        CompletableFuture<Void> first = CompletableFuture.runAsync(this.broker::runDueWork);
        CompletableFuture<Void> second = CompletableFuture.runAsync(other::runDueWork);
        CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
        awaitDelivery("/wf", 2 * runs);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.broker.isIdle() && other.isIdle());
        Map<String, Integer> timeouts = new LinkedHashMap<>();
        for (Received delivery : this.receiver.received("/wf")) {
            if (JSON.readTree(lastHistoryBody(delivery)).path("waitTimeout").asBoolean(false)) {
                timeouts.merge(delivery.header("Upstash-Workflow-RunId"), 1, Integer::sum);
            }
        }
        assertThat(timeouts).hasSize(runs).allSatisfy((runId, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void bulkCancelNamesRunsByIdOrFilterInTheQueryOrAJsonBody() {
        this.wire.batch(trigger("wfr_c1", this.receiver.url("/wf"), "{}", Map.of()));
        this.wire.batch(trigger("wfr_c2", this.receiver.url("/wf-b"), "{}", Map.of()));
        awaitDelivery("/wf", 1);
        awaitDelivery("/wf-b", 1);
        byte[] ids = "{\"workflowRunIds\":[\"wfr_c1\"]}".getBytes(StandardCharsets.UTF_8);
        assertThat(this.api.send("DELETE", "/v2/workflows/runs", Map.of("Content-Type", "application/json"), ids)
            .json()
            .get("cancelled")
            .asInt()).isEqualTo(1);
        assertThat(this.api.delete("/v2/workflows/runs?workflowRunIds=wfr_c1").json().get("cancelled").asInt())
            .as("already cancelled")
            .isZero();
        assertThat(this.api.delete("/v2/workflows/runs?workflowUrl=" + this.receiver.url("/wf") + "&count=100")
            .json()
            .get("cancelled")
            .asInt()).as("a prefix of wfr_c2's URL").isEqualTo(1);
        assertThat(run("wfr_c2").get("workflowState").asString()).isEqualTo("RUN_CANCELED");
    }

    private static String step(String runId, String url, int stepId, String out) {
        return WorkflowWire.step(runId, url, stepId, "step-" + stepId, out, 1);
    }

    private Received awaitDelivery(String path, int count) {
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(this.receiver.received(path)).hasSizeGreaterThanOrEqualTo(count));
        return this.receiver.received(path).get(count - 1);
    }

    private JsonNode awaitRun(String runId, String state) {
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(run(runId).get("workflowState").asString()).isEqualTo(state));
        return run(runId);
    }

    private JsonNode run(String runId) {
        JsonNode runs = this.api.get("/v2/workflows/logs?workflowRunId=" + runId).json().get("runs");
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    private static String lastHistoryBody(Received delivery) {
        List<String> bodies = historyBodies(delivery);
        return bodies.get(bodies.size() - 1);
    }

}
