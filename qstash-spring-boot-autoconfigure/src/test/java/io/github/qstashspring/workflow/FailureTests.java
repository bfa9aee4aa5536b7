package io.github.qstashspring.workflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.github.qstashspring.workflow.WorkflowScenarios.BEFORE;
import static io.github.qstashspring.workflow.WorkflowScenarios.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the endpoint answers what goes wrong, as QStash needs it: {@code 500} with the
 * error JSON (QStash retries), {@code 489} with {@code Upstash-NonRetryable-Error} (fails
 * the run now), {@code 429} with {@code Retry-After}; and what a failure handler gets.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureTests extends WorkflowEndpointTestSupport {

    @Test
    void aStepThatThrowsIsAnsweredWith500NamingTheStepAndTheError() throws Exception {
        Reply reply = step("/workflows/failing", "wfr_f1", history("\"boom\""));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.headers().getFirst("Upstash-Error-Step-Name")).isEqualTo("fail");
        assertThat(reply.headers().getFirst("Upstash-Workflow-Sdk-Version")).isEqualTo("1");
        assertThat(reply.json().get("error").asString()).isEqualTo("IllegalStateException");
        assertThat(reply.json().get("message").asString()).isEqualTo("boom");
        assertThat(reply.json().get("stack").asString()).startsWith("java.lang.IllegalStateException: boom");
        assertThat(qstashRequests()).isEmpty();
    }

    @Test
    void aCheckedExceptionOfAStepIsReportedAsItself() throws Exception {
        Reply reply = step("/workflows/failing", "wfr_f1", history("\"checked\""));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().get("error").asString()).isEqualTo("IOException");
        assertThat(reply.json().get("message").asString()).isEqualTo("disk full");
    }

    @Test
    void aNonRetryableErrorIsAnswered489() throws Exception {
        Reply reply = step("/workflows/failing", "wfr_f1", history("\"final\""));

        assertThat(reply.status()).isEqualTo(489);
        assertThat(reply.headers().getFirst("Upstash-NonRetryable-Error")).isEqualTo("true");
        assertThat(reply.json().get("error").asString()).isEqualTo("WorkflowNonRetryableError");
        assertThat(reply.json().get("message").asString()).isEqualTo("order is invalid");
    }

    @Test
    void retryAfterIsAnswered429WithTheDelay() throws Exception {
        Reply reply = step("/workflows/failing", "wfr_f1", history("\"later\""));

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.headers().getFirst("Retry-After")).isEqualTo("30");
        assertThat(reply.json().get("error").asString()).isEqualTo("WorkflowRetryAfterError");
    }

    @Test
    void aStepInsideAnotherStepFailsTheDelivery() throws Exception {
        Reply reply = step("/workflows/failing", "wfr_f1", history("\"nested\""));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().get("error").asString()).isEqualTo("WorkflowError");
        assertThat(reply.json().get("message").asString())
            .isEqualTo("A step can not be run inside another step. Tried to run 'inner' inside 'fail'");
        assertThat(this.journal.entries()).isEmpty();
    }

    @Test
    void aPayloadThatCannotBeReadFailsTheRunWithoutRetries() throws Exception {
        Reply reply = step("/workflows/run", "wfr_run1", history("{\"id\":[1,2]"));

        assertThat(reply.status()).isEqualTo(489);
        assertThat(reply.json().get("message").asString()).startsWith("The workflow payload cannot be read as Order");
    }

    @Test
    void aBadSignatureIsAnswered500AndNothingRuns() throws Exception {
        Map<String, String> headers = stepHeaders("wfr_run1");
        Reply reply = deliver("/workflows/run", history(ORDER), headers);
        assertThat(reply.status()).isEqualTo(200);
        this.journal.clear();
        resetQStash();

        headers.put("Upstash-Signature", "eyJhbGciOiJIUzI1NiJ9.e30.invalid");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/workflows/run")))
            .version(HttpClient.Version.HTTP_1_1)
            .POST(HttpRequest.BodyPublishers.ofString(history(ORDER)));
        headers.forEach(request::header);
        HttpResponse<String> forged = HttpClient.newHttpClient()
            .send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(500);
        assertThat(forged.body()).contains("\"error\":\"WorkflowError\"")
            .contains("Failed to verify that the Workflow request comes from QStash");
        assertThat(this.journal.entries()).isEmpty();
        assertThat(qstashRequests()).isEmpty();
    }

    @Test
    void forgedDeliveriesWriteAtMostOneWarning(CapturedOutput output) throws Exception {
        Map<String, String> headers = stepHeaders("wfr_run1");
        headers.put("Upstash-Signature", "eyJhbGciOiJIUzI1NiJ9.e30.invalid");
        for (int i = 0; i < 10; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/workflows/run")))
                .version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofString(history(ORDER)));
            headers.forEach(request::header);
            assertThat(
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(500);
        }

        assertThat(output.getOut().lines().filter((line) -> line.contains("Rejected request to workflow")))
            .hasSizeLessThanOrEqualTo(1);
        assertThat(output.getOut()).doesNotContain("failed a delivery");
    }

    @Test
    void cancelEndsTheRunAsCancelled() throws Exception {
        Reply reply = step("/workflows/cancelling", "wfr_c1", history("\"x\"", BEFORE));

        assertThat(reply.status()).isEqualTo(200);
        LoggedRequest cancel = onlyQStashRequest();
        assertThat(cancel.getMethod().getName()).isEqualTo("DELETE");
        assertThat(cancel.getUrl()).isEqualTo("/v2/workflows/runs/wfr_c1?cancel=true");
        assertThat(this.journal.entries()).isEmpty();
    }

    @Test
    void aSwallowedAbortDoesNotEndTheRun() throws Exception {
        Reply reply = step("/workflows/swallowing", "wfr_s1",
                history("\"x\"", "{\"stepId\":1,\"stepName\":\"first\",\"stepType\":\"Run\",\"concurrent\":1}"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(this.journal.entries()).containsExactly("second", "swallowed WorkflowAbort");
        assertThat(batch(onlyQStashRequest())).hasSize(1);
    }

    @Test
    void aQStashAnswerOf400MeansTheRunEndedAndIsAcknowledged() throws Exception {
        QSTASH.stubFor(post("/v2/batch").atPriority(1)
            .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"workflow run is not active\"}")));

        Reply reply = step("/workflows/run", "wfr_run1", history(ORDER));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("finishCondition").asString()).isEqualTo("success");
    }

    @Test
    void theFailureHandlerGetsTheFailedRunAndItsError() throws Exception {
        WorkflowScenarios.Scenario failure = WorkflowScenarios.failureCallback("failed", "/workflows/guarded");
        Reply reply = deliver(failure.path(), failure.body(), failure.headers());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(json("{\"result\":\"handled o-1\"}"));
        assertThat(this.journal.entries())
            .containsExactly("failure 500 card declined payload Order[id=o-1, amount=5] run wfr_failed1");
    }

    @Test
    void aFailureCallbackWithoutHandlerIsAcknowledgedAsNotFound() throws Exception {
        WorkflowScenarios.Scenario failure = WorkflowScenarios.failureCallback("failed", "/workflows/run");
        Reply reply = deliver(failure.path(), failure.body(), failure.headers());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().getFirst("Upstash-Workflow-Failure-Callback-Notfound")).isEqualTo("true");
        assertThat(reply.json().get("finishCondition").asString()).isEqualTo("failure-callback-undefined");
    }

    @Test
    void aWorkflowThatReturnsBeforeItsFirstStepIsAnswered400() throws Exception {
        Reply reply = step("/workflows/guarded", "wfr_g1", history(ORDER));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("workflowRunId").asString()).isEqualTo("wfr_g1");
        assertThat(reply.json().get("message").asString()).startsWith("Failed to authenticate Workflow request.");
        assertThat(qstashRequests()).isEmpty();
    }

}
