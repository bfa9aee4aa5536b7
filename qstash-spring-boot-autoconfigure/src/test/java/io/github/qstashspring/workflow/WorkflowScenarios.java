package io.github.qstashspring.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

import static io.github.qstashspring.workflow.WorkflowEndpointTestSupport.JSON;
import static io.github.qstashspring.workflow.WorkflowEndpointTestSupport.base64;
import static io.github.qstashspring.workflow.WorkflowEndpointTestSupport.history;
import static io.github.qstashspring.workflow.WorkflowEndpointTestSupport.stepHeaders;

/**
 * Deliveries the protocol defines for the test workflows (histories written from the
 * protocol reference, not recorded from either SDK), each with a name. The endpoint tests
 * assert what the Java endpoint does with them; {@link WorkflowWireComparisonTests} sends
 * each one to the Java endpoint and to the official SDK and compares.
 */
final class WorkflowScenarios {

    static final String ORDER = "{\"id\":\"o-1\",\"amount\":5}";

    static final String CHARGE = "{\"stepId\":1,\"stepName\":\"charge\",\"stepType\":\"Run\","
            + "\"out\":\"{\\\"orderId\\\":\\\"o-1\\\",\\\"status\\\":\\\"charged\\\"}\",\"concurrent\":1}";

    static final String DESCRIBE = "{\"stepId\":2,\"stepName\":\"describe\",\"stepType\":\"Run\","
            + "\"out\":\"\\\"order o-1\\\"\",\"concurrent\":1}";

    static final String NOTIFY_SHOP = "{\"stepId\":3,\"stepName\":\"notify-shop\",\"stepType\":\"Run\","
            + "\"concurrent\":1}";

    static final String LIST = "{\"stepId\":4,\"stepName\":\"list\",\"stepType\":\"Run\",\"out\":\"[1,2]\","
            + "\"concurrent\":1}";

    static final String NAP = "{\"stepId\":1,\"stepName\":\"nap\",\"stepType\":\"SleepFor\",\"sleepFor\":10,"
            + "\"concurrent\":1}";

    static final String ALARM = "{\"stepId\":2,\"stepName\":\"alarm\",\"stepType\":\"SleepUntil\","
            + "\"sleepUntil\":1893456000,\"concurrent\":1}";

    /** The result of the {@code fetch} call: a JSON response, body as a binary string. */
    static final String FETCH = "{\"stepId\":1,\"stepName\":\"fetch\",\"stepType\":\"Call\",\"out\":"
            + "\"{\\\"status\\\":201,\\\"body\\\":\\\"{\\\\\\\"price\\\\\\\":\\\\\\\"\u00c3\u00a912\\\\\\\"}\\\","
            + "\\\"header\\\":{\\\"Content-Type\\\":[\\\"application/json\\\"]}}\",\"concurrent\":1}";

    /** The result of the {@code download} call: two bytes, 0xFF 0x00. */
    static final String DOWNLOAD = "{\"stepId\":2,\"stepName\":\"download\",\"stepType\":\"Call\",\"out\":"
            + "\"{\\\"status\\\":200,\\\"body\\\":\\\"\u00ff\\\\u0000\\\",\\\"header\\\":{\\\"Content-Type\\\":"
            + "[\\\"application/octet-stream\\\"]}}\",\"concurrent\":1}";

    static final String PAID = "{\"stepId\":1,\"stepName\":\"wait-payment\",\"stepType\":\"Wait\","
            + "\"waitEventId\":\"payment-1\",\"timeout\":\"1h\",\"out\":\"" + base64("{\"id\":\"o-1\",\"amount\":7}")
            + "\",\"waitTimeout\":false,\"concurrent\":1}";

    static final String WAIT_TIMED_OUT = "{\"stepId\":1,\"stepName\":\"wait-payment\",\"stepType\":\"Wait\","
            + "\"waitEventId\":\"payment-1\",\"timeout\":\"1h\",\"waitTimeout\":true,\"concurrent\":1}";

    static final String NOTIFIED = "{\"stepId\":2,\"stepName\":\"notify-shipping\",\"stepType\":\"Notify\",\"out\":"
            + "\"{\\\"eventId\\\":\\\"shipping-1\\\",\\\"eventData\\\":{\\\"ok\\\":true},\\\"notifyResponse\\\":[]}\","
            + "\"concurrent\":1}";

    static final String CHILD_DONE = "{\"stepId\":1,\"stepName\":\"invoke-child\",\"stepType\":\"Invoke\",\"out\":"
            + "\"{\\\"body\\\":\\\"{\\\\\\\"orderId\\\\\\\":\\\\\\\"o-9\\\\\\\",\\\\\\\"status\\\\\\\":\\\\\\\"charged\\\\\\\"}\\\","
            + "\\\"isFailed\\\":false,\\\"isCanceled\\\":false}\",\"concurrent\":1}";

    static final String HOOK = "{\"stepId\":1,\"stepName\":\"create-hook\",\"stepType\":\"CreateWebhook\",\"out\":"
            + "\"{\\\"webhookUrl\\\":\\\"https://qstash.example/v2/workflows/hooks/defaultUser/wfr_hook1/evt_abc\\\","
            + "\\\"eventId\\\":\\\"evt_abc\\\"}\",\"concurrent\":1}";

    static final String HOOK_CALLED = "{\"stepId\":2,\"stepName\":\"wait-hook\",\"stepType\":\"WaitForWebhook\","
            + "\"out\":\""
            + base64("{\"method\":\"POST\",\"header\":{\"Content-Type\":[\"text/plain\"]},\"body\":\""
                    + base64("paid in full") + "\",\"proto\":\"https\",\"host\":\"qstash.example\",\"url\":"
                    + "\"/v2/workflows/hooks/defaultUser/wfr_hook1/evt_abc?ref=7\"}")
            + "\",\"waitTimeout\":false,\"concurrent\":1}";

    static final String PLAN_LEFT = "{\"stepId\":0,\"stepName\":\"left\",\"stepType\":\"Run\",\"concurrent\":3,"
            + "\"targetStep\":1}";

    static final String PLAN_NAP = "{\"stepId\":0,\"stepName\":\"nap\",\"stepType\":\"SleepFor\",\"sleepFor\":5,"
            + "\"concurrent\":3,\"targetStep\":2}";

    static final String PLAN_RIGHT = "{\"stepId\":0,\"stepName\":\"right\",\"stepType\":\"Run\",\"concurrent\":3,"
            + "\"targetStep\":3}";

    static final String LEFT = "{\"stepId\":1,\"stepName\":\"left\",\"stepType\":\"Run\",\"out\":\"1\","
            + "\"concurrent\":3}";

    static final String NAPPED = "{\"stepId\":2,\"stepName\":\"nap\",\"stepType\":\"SleepFor\",\"sleepFor\":5,"
            + "\"concurrent\":3}";

    static final String RIGHT = "{\"stepId\":3,\"stepName\":\"right\",\"stepType\":\"Run\",\"out\":\"2\","
            + "\"concurrent\":3}";

    static final String SUM = "{\"stepId\":4,\"stepName\":\"sum\",\"stepType\":\"Run\",\"out\":\"3\","
            + "\"concurrent\":1}";

    static final String BEFORE = "{\"stepId\":1,\"stepName\":\"before\",\"stepType\":\"Run\",\"concurrent\":1}";

    private WorkflowScenarios() {
    }

    /**
     * One delivery to a workflow.
     *
     * @param name what it is
     * @param path the workflow path
     * @param headers the request headers (the signature is added when sent)
     * @param body the request body
     * @param history what {@code GET /v2/workflows/runs/<id>} answers ({@code null}: 404)
     * @param sameErrorType whether an error answer names the same error type on both
     * sides (user exceptions are Java classes here, JavaScript errors there)
     */
    record Scenario(String name, String path, Map<String, String> headers, String body, String history,
            boolean sameErrorType) {

        @Override
        public String toString() {
            return this.name;
        }

    }

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.add(first("run: a POST without workflow headers starts a run", "/workflows/run", ORDER));
        all.add(step("run: the first step runs", "/workflows/run", "wfr_run1", history(ORDER)));
        all.add(step("run: recorded steps are replayed", "/workflows/run", "wfr_run1", history(ORDER, CHARGE)));
        all.add(step("run: a step without result", "/workflows/run", "wfr_run1", history(ORDER, CHARGE, DESCRIBE)));
        all.add(step("run: the last step ends the run", "/workflows/run", "wfr_run1",
                history(ORDER, CHARGE, DESCRIBE, NOTIFY_SHOP, LIST)));
        all.add(step("run: a duplicated last step", "/workflows/run", "wfr_run1", history(ORDER, CHARGE, CHARGE)));
        all.add(step("run: an empty body of an ended run", "/workflows/run", "wfr_run1", ""));
        all.add(new Scenario("run: an empty body fetches the history up to the message", "/workflows/run",
                stepHeaders("wfr_run1"), "", history(ORDER, CHARGE).replace("msg_1", "msg_delivery"), true));
        all.add(step("run: a step of another name", "/workflows/run", "wfr_run1",
                history(ORDER, CHARGE.replace("charge", "pay"))));
        all.add(protocolVersion2());
        all.add(step("sleep: sleep", "/workflows/sleep", "wfr_sleep1", history("\"x\"")));
        all.add(step("sleep: sleep until", "/workflows/sleep", "wfr_sleep1", history("\"x\"", NAP)));
        all.add(step("sleep: woken up", "/workflows/sleep", "wfr_sleep1", history("\"x\"", NAP, ALARM)));
        all.add(step("call: the request", "/workflows/call", "wfr_call1", history("\"x\"")));
        all.add(callback("call: the final callback", 201, 2, 2));
        all.add(callback("call: a failed attempt QStash retries", 503, 0, 2));
        all.add(callback("call: the failed last attempt", 503, 2, 2));
        all.add(step("call: the second request", "/workflows/call", "wfr_call1", history("\"x\"", FETCH)));
        all.add(step("call: both results", "/workflows/call", "wfr_call1", history("\"x\"", FETCH, DOWNLOAD)));
        all.add(step("wait: the waiter", "/workflows/wait", "wfr_wait1", history("\"x\"")));
        all.add(step("wait: notified", "/workflows/wait", "wfr_wait1", history("\"x\"", PAID)));
        all.add(step("wait: timed out", "/workflows/wait", "wfr_wait1", history("\"x\"", WAIT_TIMED_OUT)));
        all.add(step("wait: done", "/workflows/wait", "wfr_wait1", history("\"x\"", PAID, NOTIFIED)));
        all.add(step("invoke: the child's trigger", "/workflows/invoke", "wfr_invoke1", history("\"x\"")));
        all.add(step("invoke: the child's result", "/workflows/invoke", "wfr_invoke1", history("\"x\"", CHILD_DONE)));
        all.add(step("webhook: the webhook", "/workflows/webhook", "wfr_hook1", history("\"x\"")));
        all.add(step("webhook: waiting for it", "/workflows/webhook", "wfr_hook1", history("\"x\"", HOOK)));
        all.add(step("webhook: called", "/workflows/webhook", "wfr_hook1", history("\"x\"", HOOK, HOOK_CALLED)));
        all.add(step("parallel: the plans", "/workflows/parallel", "wfr_par1", history("\"x\"")));
        all.add(step("parallel: the first plan runs its step", "/workflows/parallel", "wfr_par1",
                history("\"x\"", PLAN_LEFT)));
        all.add(step("parallel: the sleep plan", "/workflows/parallel", "wfr_par1",
                history("\"x\"", PLAN_LEFT, PLAN_NAP)));
        all.add(step("parallel: the last plan", "/workflows/parallel", "wfr_par1",
                history("\"x\"", PLAN_LEFT, PLAN_NAP, PLAN_RIGHT)));
        all.add(step("parallel: a result before the others", "/workflows/parallel", "wfr_par1",
                history("\"x\"", PLAN_LEFT, PLAN_NAP, PLAN_RIGHT, RIGHT)));
        all.add(step("parallel: all results", "/workflows/parallel", "wfr_par1",
                history("\"x\"", PLAN_LEFT, PLAN_NAP, PLAN_RIGHT, RIGHT, LEFT, NAPPED)));
        all.add(step("parallel: done", "/workflows/parallel", "wfr_par1",
                history("\"x\"", PLAN_LEFT, PLAN_NAP, PLAN_RIGHT, RIGHT, LEFT, NAPPED, SUM)));
        String quotePlan = "{\"stepId\":0,\"stepName\":\"quote\",\"stepType\":\"Call\",\"concurrent\":4,"
                + "\"targetStep\":1}";
        String approvalPlan = "{\"stepId\":0,\"stepName\":\"approval\",\"stepType\":\"Wait\","
                + "\"waitEventId\":\"approve-1\",\"timeout\":\"1d\",\"concurrent\":4,\"targetStep\":2}";
        String childPlan = "{\"stepId\":0,\"stepName\":\"child\",\"stepType\":\"Invoke\",\"concurrent\":4,"
                + "\"targetStep\":3}";
        String untilPlan = "{\"stepId\":0,\"stepName\":\"until\",\"stepType\":\"SleepUntil\","
                + "\"sleepUntil\":1893456000,\"concurrent\":4,\"targetStep\":4}";
        all.add(step("parallel of every kind: the plans", "/workflows/parallel-mixed", "wfr_mix1", history("\"x\"")));
        all.add(step("parallel of every kind: the call", "/workflows/parallel-mixed", "wfr_mix1",
                history("\"x\"", quotePlan)));
        all.add(step("parallel of every kind: the wait", "/workflows/parallel-mixed", "wfr_mix1",
                history("\"x\"", quotePlan, approvalPlan)));
        all.add(invoked(step("parallel of every kind: the invoke of an invoked run", "/workflows/parallel-mixed",
                "wfr_mix1", history("\"x\"", quotePlan, approvalPlan, childPlan))));
        all.add(step("parallel of every kind: the sleep", "/workflows/parallel-mixed", "wfr_mix1",
                history("\"x\"", quotePlan, approvalPlan, childPlan, untilPlan)));
        all.add(invoked(step("run: a step of an invoked run", "/workflows/run", "wfr_run1", history(ORDER))));
        all.add(invoked(step("call: the request of an invoked run", "/workflows/call", "wfr_call1", history("\"x\""))));
        all.add(invoked(step("wait: the waiter of an invoked run", "/workflows/wait", "wfr_wait1", history("\"x\""))));
        all.add(step("guard: returning before the first step", "/workflows/guarded", "wfr_g1", history(ORDER)));
        all.add(failureCallback("guard: the failure handler runs", "/workflows/guarded"));
        all.add(failureCallback("run: a failure callback without handler", "/workflows/run"));
        all.add(new Scenario("failing: a step throws", "/workflows/failing", stepHeaders("wfr_f1"), history("\"boom\""),
                null, false));
        all.add(step("failing: a non-retryable error", "/workflows/failing", "wfr_f1", history("\"final\"")));
        all.add(step("failing: retry after", "/workflows/failing", "wfr_f1", history("\"later\"")));
        all.add(step("cancel: the step before", "/workflows/cancelling", "wfr_c1", history("\"x\"")));
        all.add(step("cancel: cancelled", "/workflows/cancelling", "wfr_c1", history("\"x\"", BEFORE)));
        Map<String, String> unknownSdk = new LinkedHashMap<>();
        unknownSdk.put("Upstash-Workflow-Unknown-Sdk", "true");
        unknownSdk.put("Upstash-Workflow-RunId", "wfr_rest1");
        unknownSdk.put("Content-Type", "application/json");
        all.add(new Scenario("run: the unknown-SDK handshake", "/workflows/run", unknownSdk, history(ORDER), null,
                true));
        return all;
    }

    private static Scenario first(String name, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Tenant", "acme");
        headers.put("Upstash-Label", "direct");
        return new Scenario(name, path, headers, body, null, true);
    }

    private static Scenario step(String name, String path, String runId, String history) {
        return new Scenario(name, path, stepHeaders(runId), history, null, true);
    }

    /** The same delivery to a run that another run invoked (invoke depth 2). */
    private static Scenario invoked(Scenario scenario) {
        Map<String, String> headers = new LinkedHashMap<>(scenario.headers());
        headers.put("Upstash-Workflow-Invoke-Count", "2");
        return new Scenario(scenario.name(), scenario.path(), headers, scenario.body(), scenario.history(),
                scenario.sameErrorType());
    }

    private static Scenario protocolVersion2() {
        Map<String, String> headers = stepHeaders("wfr_run1");
        headers.put("Upstash-Workflow-Sdk-Version", "2");
        return new Scenario("run: protocol version 2", "/workflows/run", headers, history(ORDER), null, true);
    }

    /** The QStash callback of the {@code fetch} call after an attempt. */
    static Scenario callback(String name, int status, int retried, int maxRetries) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upstash-Workflow-RunId", "wfr_call1");
        headers.put("Upstash-Workflow-Callback", "true");
        headers.put("Upstash-Workflow-StepId", "1");
        headers.put("Upstash-Workflow-StepName", "fetch");
        headers.put("Upstash-Workflow-StepType", "Call");
        headers.put("Upstash-Workflow-Concurrent", "1");
        headers.put("Upstash-Workflow-ContentType", "application/json");
        headers.put("Upstash-Message-Id", "msg_callback");
        ObjectNode callback = JSON.createObjectNode();
        callback.put("status", status);
        callback.putObject("header").putArray("Content-Type").add("application/json");
        callback.put("body", base64("{\"price\":\"\u00e912\"}"));
        callback.put("retried", retried);
        callback.put("maxRetries", maxRetries);
        callback.put("sourceMessageId", "msg_call");
        return new Scenario(name, "/workflows/call", headers, JSON.writeValueAsString(callback), null, true);
    }

    /**
     * The failure callback of a run whose step answered the official SDK's error JSON.
     */
    static Scenario failureCallback(String name, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upstash-Workflow-RunId", "wfr_failed1");
        headers.put("Upstash-Workflow-Is-Failure", "true");
        headers.put("Upstash-Workflow-Failure-Callback", "true");
        headers.put("Upstash-Retried", "0");
        headers.put("X-Allowed", "yes");
        ObjectNode callback = JSON.createObjectNode();
        callback.put("status", 500);
        callback.putObject("header").putArray("Content-Type").add("text/plain;charset=UTF-8");
        callback.put("body",
                base64("{\"error\":\"Error\",\"message\":\"card declined\",\"stack\":\"Error: card declined\"}"));
        callback.put("url", "http://app.example" + path);
        callback.put("sourceBody", base64(ORDER));
        callback.put("workflowRunId", "wfr_failed1");
        callback.put("workflowCreatedAt", 1700000000000L);
        callback.put("dlqId", "dlq-1");
        return new Scenario(name, path, headers, JSON.writeValueAsString(callback), null, true);
    }

}
