package io.github.qstashspring.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The workflow client against a WireMock QStash. Every expected request (method, raw path
 * and query, headers, body) is what the official {@code @upstash/workflow} 1.3.3
 * {@code Client} sent for the same call to a recording server (its telemetry headers left
 * out: this client sends none).
 */
class QStashWorkflowsTests extends WireMockQStash {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String URL = "https://app.example/workflows/onboarding";

    private static final String FEATURES = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig";

    private LoggedRequest onlyRequest(String method, String rawUrl) {
        List<LoggedRequest> requests = this.qstash.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getMethod().getName()).isEqualTo(method);
        assertThat(request.getUrl()).isEqualTo(rawUrl);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        return request;
    }

    private void answer(String json) {
        this.qstash.stubFor(any(anyUrl()).willReturn(okJson(json)));
    }

    private static Map<String, String> lowerCased(JsonNode headers) {
        Map<String, String> result = new LinkedHashMap<>();
        headers.properties()
            .forEach((entry) -> result.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().asString()));
        return result;
    }

    private static Map<String, String> failureCallbackTo(String failureUrl, String runId, String workflowUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("upstash-failure-callback", failureUrl);
        headers.put("upstash-failure-callback-feature-set", FEATURES);
        headers.put("upstash-failure-callback-forward-upstash-workflow-failure-callback", "true");
        headers.put("upstash-failure-callback-forward-upstash-workflow-is-failure", "true");
        headers.put("upstash-failure-callback-workflow-calltype", "failureCall");
        headers.put("upstash-failure-callback-workflow-init", "false");
        headers.put("upstash-failure-callback-workflow-runid", runId);
        headers.put("upstash-failure-callback-workflow-url", workflowUrl);
        return headers;
    }

    private static Map<String, String> triggerHeaders(String runId, String workflowUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("upstash-feature-set", FEATURES);
        headers.put("upstash-forward-upstash-workflow-sdk-version", "1");
        headers.put("upstash-method", "POST");
        headers.put("upstash-workflow-init", "true");
        headers.put("upstash-workflow-runid", runId);
        headers.put("upstash-workflow-sdk-version", "1");
        headers.put("upstash-workflow-url", workflowUrl);
        return headers;
    }

    @Test
    void triggerWithEveryOptionSendsTheMessageOfTheOfficialClient() {
        answer("[{\"messageId\":\"msg_1\"}]");

        TriggeredRun run = this.template.workflows()
            .trigger(WorkflowTrigger.to(URL)
                .json(Map.of("name", "ada"))
                .header("X-Tenant", "acme")
                .contentType("application/json")
                .workflowRunId("run-1")
                .retries(5)
                .retryDelay("1000 * retried")
                .flowControl(FlowControl.key("mail").rate(10).period(Duration.ofSeconds(60)).parallelism(2))
                .delay(Duration.ofSeconds(30))
                .label("signup", "beta")
                .failureUrl("https://app.example/failed")
                .redactBody()
                .redactHeader("Authorization"));

        assertThat(run).isEqualTo(new TriggeredRun("wfr_run-1", false));
        LoggedRequest request = onlyRequest("POST", "/v2/batch");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode message = JSON.readTree(request.getBodyAsString()).get(0);
        assertThat(message.get("destination").asString()).isEqualTo(URL);
        assertThat(message.get("body").asString()).isEqualTo("{\"name\":\"ada\"}");
        Map<String, String> expected = triggerHeaders("wfr_run-1", URL);
        expected.putAll(failureCallbackTo("https://app.example/failed", "wfr_run-1", URL));
        expected.put("upstash-delay", "30s");
        expected.put("upstash-failure-callback-flow-control-key", "mail");
        expected.put("upstash-failure-callback-flow-control-value", "parallelism=2, rate=10, period=60s");
        expected.put("upstash-failure-callback-forward-content-type", "application/json");
        expected.put("upstash-failure-callback-forward-upstash-label", "signup,beta");
        expected.put("upstash-failure-callback-forward-x-tenant", "acme");
        expected.put("upstash-failure-callback-retries", "5");
        expected.put("upstash-failure-callback-retry-delay", "1000 * retried");
        expected.put("upstash-flow-control-key", "mail");
        expected.put("upstash-flow-control-value", "parallelism=2, rate=10, period=60s");
        expected.put("upstash-forward-content-type", "application/json");
        expected.put("upstash-forward-upstash-label", "signup,beta");
        expected.put("upstash-forward-x-tenant", "acme");
        expected.put("upstash-label", "signup,beta");
        expected.put("upstash-redact-fields", "body,header[Authorization]");
        expected.put("upstash-retries", "5");
        expected.put("upstash-retry-delay", "1000 * retried");
        assertThat(lowerCased(message.get("headers"))).isEqualTo(expected);
    }

    @Test
    void triggerWithDefaultsSendsAJsonContentTypeAndAFailureCallbackToTheWorkflow() {
        answer("[{\"messageId\":\"msg_1\",\"deduplicated\":true}]");

        TriggeredRun run = this.template.workflows()
            .trigger(WorkflowTrigger.to(URL).body("hello").workflowRunId("run-2"));

        assertThat(run).isEqualTo(new TriggeredRun("wfr_run-2", true));
        JsonNode message = JSON.readTree(onlyRequest("POST", "/v2/batch").getBodyAsString()).get(0);
        assertThat(message.get("body").asString()).isEqualTo("hello");
        Map<String, String> expected = triggerHeaders("wfr_run-2", URL);
        expected.putAll(failureCallbackTo(URL, "wfr_run-2", URL));
        assertThat(lowerCased(message.get("headers"))).isEqualTo(expected);
    }

    @Test
    void triggerOfSeveralRunsIsOneBatchAndDefaultRetriesAreNotSent() {
        answer("[{\"messageId\":\"msg_1\"},{\"messageId\":\"msg_2\"}]");

        List<TriggeredRun> runs = this.template.workflows()
            .trigger(List.of(
                    WorkflowTrigger.to("https://app.example/a")
                        .workflowRunId("a1")
                        .retries(3)
                        .notBefore(Instant.ofEpochSecond(1893456000)),
                    WorkflowTrigger.to("https://app.example/b").workflowRunId("b1").json(List.of(1, 2))));

        assertThat(runs).extracting(TriggeredRun::workflowRunId).containsExactly("wfr_a1", "wfr_b1");
        JsonNode batch = JSON.readTree(onlyRequest("POST", "/v2/batch").getBodyAsString());
        Map<String, String> first = triggerHeaders("wfr_a1", "https://app.example/a");
        first.putAll(failureCallbackTo("https://app.example/a", "wfr_a1", "https://app.example/a"));
        first.put("upstash-not-before", "1893456000");
        assertThat(lowerCased(batch.get(0).get("headers"))).isEqualTo(first);
        Map<String, String> second = triggerHeaders("wfr_b1", "https://app.example/b");
        second.putAll(failureCallbackTo("https://app.example/b", "wfr_b1", "https://app.example/b"));
        assertThat(lowerCased(batch.get(1).get("headers"))).isEqualTo(second);
        assertThat(batch.get(1).get("body").asString()).isEqualTo("[1,2]");
    }

    @Test
    void runIdsAreRandomWithThePrefixUnlessGiven() {
        String id = WorkflowTrigger.to(URL).getWorkflowRunId();

        assertThat(id).matches("wfr_[A-Za-z0-9_-]{21}");
        assertThat(WorkflowTrigger.to(URL).getWorkflowRunId()).isNotEqualTo(id);
        assertThat(WorkflowTrigger.to(URL).workflowRunId("wfr_x").getWorkflowRunId()).isEqualTo("wfr_wfr_x");
    }

    @Test
    void labelsAndFlowControlKeysAreCheckedLikeTheOfficialClientDoes() {
        assertThatIllegalArgumentException().isThrownBy(() -> WorkflowTrigger.to(URL).label("a b"))
            .withMessageContaining("label 'a b'");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> WorkflowTrigger.to(URL).flowControl(FlowControl.key("k/1").rate(1)))
            .withMessageContaining("flow control key 'k/1'");
    }

    @Test
    void withoutFailureCallbackSendsNoFailureHeaders() {
        answer("[{\"messageId\":\"msg_1\"}]");

        this.template.workflows().trigger(WorkflowTrigger.to(URL).workflowRunId("r").withoutFailureCallback());

        JsonNode message = JSON.readTree(onlyRequest("POST", "/v2/batch").getBodyAsString()).get(0);
        assertThat(lowerCased(message.get("headers"))).isEqualTo(triggerHeaders("wfr_r", URL));
    }

    @Test
    void cancelByIdsRepeatsTheParameter() {
        answer("{\"cancelled\":2}");

        assertThat(this.template.workflows().cancel("wfr_a", "wfr_b")).isEqualTo(2);

        onlyRequest("DELETE", "/v2/workflows/runs?workflowRunIds=wfr_a&workflowRunIds=wfr_b");
    }

    @Test
    void cancelOfNoIdsSendsNothing() {
        assertThat(this.template.workflows().cancel()).isZero();
        assertThat(this.qstash.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void cancelByExactUrlEncodesTheQueryAsTheOfficialClient() {
        answer("{\"cancelled\":2}");

        this.template.workflows()
            .cancel(new WorkflowRunFilter().label("beta").workflowUrl("https://app.example/workflows/x y"));

        onlyRequest("DELETE", "/v2/workflows/runs?label=beta&workflowUrl=https%3A%2F%2Fapp.example%2Fworkflows%2Fx+y"
                + "&workflowUrlExactMatch=true&count=100");
    }

    @Test
    void cancelByPrefixKeepsTheFilterOrderAndTheCount() {
        answer("{\"cancelled\":2}");

        this.template.workflows()
            .cancel(new WorkflowRunFilter().label("a", "b")
                .fromDate(Instant.ofEpochMilli(1700000000000L))
                .workflowUrlStartingWith("https://app.example/")
                .count(50));

        onlyRequest("DELETE", "/v2/workflows/runs?label=a&label=b&fromDate=1700000000000"
                + "&workflowUrl=https%3A%2F%2Fapp.example%2F&count=50");
    }

    @Test
    void cancelAllSendsOnlyTheCountAndAnEmptyFilterIsRefused() {
        answer("{\"cancelled\":7}");

        assertThat(this.template.workflows().cancelAll()).isEqualTo(7);

        onlyRequest("DELETE", "/v2/workflows/runs?count=100");
        assertThatIllegalArgumentException().isThrownBy(() -> this.template.workflows().cancel(new WorkflowRunFilter()))
            .withMessageContaining("cancelAll()");
    }

    @Test
    void notifySendsJsonOrTextAsTextPlainAndReadsTheResponses() {
        answer("""
                [{"waiter":{"url":"https://app.example/w","deadline":1700000600,"headers":{"Upstash-Workflow-RunId":["wfr_1"]},
                  "timeoutUrl":"https://app.example/w"},"messageId":"msg_9","error":""}]""");

        List<NotifyResponse> responses = this.template.workflows().notify("evt-1", Map.of("ok", true));

        LoggedRequest request = onlyRequest("POST", "/v2/notify/evt-1");
        assertThat(request.getHeader("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(request.getBodyAsString()).isEqualTo("{\"ok\":true}");
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).messageId()).isEqualTo("msg_9");
        assertThat(responses.get(0).waiter().deadline()).isEqualTo(1700000600L);
        assertThat(responses.get(0).waiter().headers()).containsEntry("Upstash-Workflow-RunId", List.of("wfr_1"));
    }

    @Test
    void notifyOfTextSendsItAsIsAndNoDataSendsNoBody() {
        answer("[]");

        this.template.workflows().notify("evt-1", "plain");
        this.template.workflows().notify("evt-2", null);

        List<LoggedRequest> requests = this.qstash.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests.get(0).getBodyAsString()).isEqualTo("plain");
        assertThat(requests.get(1).getUrl()).isEqualTo("/v2/notify/evt-2");
        assertThat(requests.get(1).getBodyAsString()).isEmpty();
        assertThat(requests.get(1).containsHeader("Content-Type")).isFalse();
    }

    @Test
    void notifyOfOneRunNamesItInThePathAndAcceptsAnObjectAnswer() {
        answer("{\"messageId\":\"msg_1\",\"workflowRunId\":\"wfr_r\",\"workflowCreatedAt\":1700000000000}");

        List<NotifyResponse> responses = this.template.workflows().notifyRun("wfr_r", "evt-1", Map.of("ok", 1));

        onlyRequest("POST", "/v2/notify/wfr_r/evt-1");
        assertThat(responses).singleElement()
            .satisfies((response) -> assertThat(response.workflowCreatedAt()).isEqualTo(1700000000000L));
    }

    @Test
    void waitersAreReadFromTheEventPath() {
        answer("[{\"url\":\"https://app.example/w\",\"deadline\":1700000600,\"timeoutBody\":null}]");

        List<Waiter> waiters = this.template.workflows().waiters("evt-1");

        onlyRequest("GET", "/v2/waiters/evt-1");
        assertThat(waiters).extracting(Waiter::url).containsExactly("https://app.example/w");
    }

    @Test
    void logsAskForRunsGroupedByIdWithCursorCountAndFiltersInTheOfficialOrder() {
        answer("""
                {"cursor":"next","runs":[{"workflowRunId":"wfr_1","workflowUrl":"https://app.example/w",
                 "workflowState":"RUN_SUCCESS","workflowRunCreatedAt":1700000000000,"workflowRunCompletedAt":1700000001000,
                 "workflowRunResponse":"{\\"ok\\":true}","labels":["a"],"invoker":{"workflowRunId":"wfr_0"},
                 "steps":[{"type":"sequential","steps":[{"stepId":0,"stepName":"init","stepType":"Initial","callType":"step",
                   "messageId":"msg_0","out":"{\\"name\\":\\"ada\\"}","concurrent":1,"state":"STEP_SUCCESS","createdAt":1700000000000}]},
                  {"type":"next","steps":[{"messageId":"msg_2","state":"STEP_RETRY","retries":3,
                   "errors":[{"error":"boom","status":500,"time":1700000002000}]}]}]}]}""");

        CursorPage<WorkflowRunLog> page = this.template.workflows()
            .logs(new WorkflowLogFilter().count(5)
                .state("RUN_FAILED")
                .label("a", "b")
                .workflowUrl("https://app.example/w")
                .fromDate(Instant.ofEpochMilli(1700000000000L)), "c1");

        onlyRequest("GET", "/v2/workflows/events?groupBy=workflowRunId&cursor=c1&count=5&state=RUN_FAILED"
                + "&label=a&label=b&workflowUrl=https%3A%2F%2Fapp.example%2Fw&fromDate=1700000000000");
        assertThat(page.cursor()).isEqualTo("next");
        WorkflowRunLog run = page.items().get(0);
        assertThat(run.workflowState()).isEqualTo("RUN_SUCCESS");
        assertThat(run.workflowRunCompletedAt()).isEqualTo(Instant.ofEpochMilli(1700000001000L));
        assertThat(run.workflowRunResponse()).isEqualTo("{\"ok\":true}");
        assertThat(run.invoker().workflowRunId()).isEqualTo("wfr_0");
        assertThat(run.steps()).extracting(WorkflowRunLog.StepGroup::type).containsExactly("sequential", "next");
        assertThat(run.steps().get(0).steps().get(0).out().asString()).isEqualTo("{\"name\":\"ada\"}");
        assertThat(run.steps().get(1).steps().get(0).errors().get(0).status()).isEqualTo(500);
    }

    @Test
    void logsWithoutFilterSendOnlyTheGrouping() {
        answer("{\"runs\":[],\"cursor\":\"\"}");

        CursorPage<WorkflowRunLog> page = this.template.workflows().logs(new WorkflowLogFilter());

        onlyRequest("GET", "/v2/workflows/events?groupBy=workflowRunId");
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void dlqListAsksForWorkflowEntries() {
        answer("""
                {"messages":[{"dlqId":"dlq-1","messageId":"msg_1","workflowRunId":"wfr_1","workflowCreatedAt":1700000000000,
                 "workflowUrl":"https://app.example/w","responseStatus":500,"callerIP":"1.2.3.4",
                 "failureCallbackInfo":{"state":"CALLBACK_SUCCESS","responseStatus":200}}]}""");

        CursorPage<WorkflowDlqMessage> page = this.template.workflows()
            .dlq()
            .list(new WorkflowDlqFilter().count(3).workflowRunId("wfr_1").label("x"), "c");

        onlyRequest("GET", "/v2/dlq?cursor=c&count=3&workflowRunId=wfr_1&label=x&source=workflow");
        WorkflowDlqMessage message = page.items().get(0);
        assertThat(message.callerIp()).isEqualTo("1.2.3.4");
        assertThat(message.workflowCreatedAt()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
        assertThat(message.failureCallbackInfo().state()).isEqualTo("CALLBACK_SUCCESS");
    }

    @Test
    void dlqResumeOfOneIdReturnsTheNewRun() {
        answer("{\"workflowRuns\":[{\"workflowRunId\":\"wfr_new\",\"workflowCreatedAt\":1700000000000}]}");

        StartedRun run = this.template.workflows().dlq().resume("dlq-1");

        onlyRequest("POST", "/v2/workflows/dlq/resume?dlqIds=dlq-1");
        assertThat(run).isEqualTo(new StartedRun("wfr_new", Instant.ofEpochMilli(1700000000000L)));
    }

    @Test
    void dlqResumeWithOptionsSendsThemAsHeaders() {
        answer("{\"workflowRuns\":[{\"workflowRunId\":\"wfr_new\",\"workflowCreatedAt\":1}]}");

        this.template.workflows()
            .dlq()
            .resume(new WorkflowDlqFilter().dlqIds("dlq-1", "dlq-2"),
                    new WorkflowRestartOptions().retries(2).flowControl(FlowControl.key("k").parallelism(1)));

        LoggedRequest request = onlyRequest("POST", "/v2/workflows/dlq/resume?dlqIds=dlq-1&dlqIds=dlq-2");
        assertThat(request.getHeader("Upstash-Retries")).isEqualTo("2");
        assertThat(request.getHeader("Upstash-Flow-Control-Key")).isEqualTo("k");
        assertThat(request.getHeader("Upstash-Flow-Control-Value")).isEqualTo("parallelism=1");
    }

    @Test
    void dlqRestartByFilterFollowsTheCursor() {
        this.qstash.stubFor(any(anyUrl()).inScenario("pages")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(okJson("{\"workflowRuns\":[{\"workflowRunId\":\"wfr_1\"}],\"cursor\":\"p2\"}"))
            .willSetStateTo("second"));
        this.qstash.stubFor(any(anyUrl()).inScenario("pages")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"workflowRuns\":[{\"workflowRunId\":\"wfr_2\"}],\"cursor\":\"\"}")));

        List<StartedRun> runs = this.template.workflows()
            .dlq()
            .restart(new WorkflowDlqFilter().workflowUrl("https://app.example/w").label("x"));

        assertThat(runs).extracting(StartedRun::workflowRunId).containsExactly("wfr_1", "wfr_2");
        assertThat(this.qstash.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
            .containsExactly("/v2/workflows/dlq/restart?workflowUrl=https%3A%2F%2Fapp.example%2Fw&label=x&count=100",
                    "/v2/workflows/dlq/restart?workflowUrl=https%3A%2F%2Fapp.example%2Fw&label=x&count=100&cursor=p2");
    }

    @Test
    void dlqRestartOfEverythingSendsOnlyTheCount() {
        answer("{\"workflowRuns\":[]}");

        this.template.workflows().dlq().restart(new WorkflowDlqFilter());

        onlyRequest("POST", "/v2/workflows/dlq/restart?count=100");
    }

    @Test
    void dlqFailureCallbackRetryAndDeletes() {
        this.qstash.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"workflowRunId\":\"wfr_x\",\"workflowCreatedAt\":1,\"deleted\":1}")));

        StartedRun run = this.template.workflows().dlq().retryFailureFunction("dlq-1");
        int byIds = this.template.workflows().dlq().delete("dlq-1", "dlq-2");
        int byFilter = this.template.workflows().dlq().delete(new WorkflowDlqFilter().label("x").count(10));

        assertThat(run.workflowRunId()).isEqualTo("wfr_x");
        assertThat(byIds).isEqualTo(1);
        assertThat(byFilter).isEqualTo(1);
        assertThat(this.qstash.findAll(anyRequestedFor(anyUrl())))
            .extracting((request) -> request.getMethod().getName() + " " + request.getUrl())
            .containsExactly("POST /v2/workflows/dlq/callback/dlq-1",
                    "DELETE /v2/workflows/dlq?dlqIds=dlq-1&dlqIds=dlq-2", "DELETE /v2/workflows/dlq?label=x&count=10");
    }

    @Test
    void protocolCallsOfTheEndpoint() {
        this.qstash.stubFor(any(anyUrl()).atPriority(5).willReturn(okJson("[]")));
        this.qstash
            .stubFor(any(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v2/workflows/runs/wfr_gone"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"error\":\"not found\"}")));

        assertThat(this.template.workflows().history("wfr_1")).isEqualTo("[]");
        assertThat(this.template.workflows().history("wfr_gone")).isNull();
        this.template.workflows().complete("wfr_1", "{\"done\":true}");
        this.template.workflows().cancelRun("wfr_1");
        this.template.workflows().registerWaiter("evt-1", Map.of("Upstash-Workflow-RunId", "wfr_1"), "{\"url\":\"u\"}");

        List<LoggedRequest> requests = this.qstash.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).extracting((request) -> request.getMethod().getName() + " " + request.getUrl())
            .containsExactly("GET /v2/workflows/runs/wfr_1", "GET /v2/workflows/runs/wfr_gone",
                    "DELETE /v2/workflows/runs/wfr_1?cancel=false", "DELETE /v2/workflows/runs/wfr_1?cancel=true",
                    "POST /v2/wait/evt-1");
        assertThat(requests.get(2).getBodyAsString()).isEqualTo("{\"done\":true}");
        assertThat(requests.get(3).getBodyAsString()).isEmpty();
        assertThat(requests.get(4).getHeader("Upstash-Workflow-RunId")).isEqualTo("wfr_1");
        assertThat(requests.get(4).getHeader("Content-Type")).isEqualTo("application/json");
    }

}
