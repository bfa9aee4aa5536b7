package io.github.qstashspring.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.github.qstashspring.client.NotifyResponse;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.WorkflowRunLog;
import io.github.qstashspring.client.WorkflowTrigger;
import io.github.qstashspring.endtoend.WorkflowTestApplication.Journal;
import io.github.qstashspring.endtoend.Workflows.Invoice;
import io.github.qstashspring.endtoend.Workflows.Order;
import io.github.qstashspring.endtoend.Workflows.Packing;
import io.github.qstashspring.endtoend.Workflows.Quote;
import io.github.qstashspring.endtoend.Workflows.Receipt;
import io.github.qstashspring.endtoend.Workflows.Shipment;
import io.github.qstashspring.endtoend.Workflows.Summary;
import io.github.qstashspring.test.EmbeddedQStash;
import io.github.qstashspring.test.QStashTestBroker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Java workflows on the embedded broker, end to end: the broker delivers every step over
 * HTTP with a real signature, the workflow endpoint verifies it, replays the workflow and
 * publishes the next step back to the broker. The broker's clock is moved by the test
 * through sleeps and wait timeouts. Each test asserts what a user sees: what the runs
 * return, what their step bodies did (each exactly once), and the runs' final states.
 */
@SpringBootTest(classes = WorkflowTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedQStash
class WorkflowEndToEndTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private QStashOperations template;

    @Autowired
    private QStashTestBroker qstash;

    @Autowired
    private Journal journal;

    @Autowired
    private Workflows workflows;

    @Test
    void aRunWithEveryStepKindCompletes() throws Exception {
        String id = newOrderId();
        String packer = start("/workflows/packer", id);
        this.qstash.awaitWaiter(packer, "packed-" + id);
        Instant wakeAt = this.qstash.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        String run = start("/workflows/fulfil", new Order(id, 4200, wakeAt.getEpochSecond()));

        this.qstash.awaitStep(run, "charge");
        Instant coolDownOver = this.qstash.advanceClockThroughSleep(run);
        assertThat(this.qstash.advanceClockThroughSleep(run)).isEqualTo(wakeAt).isAfter(coolDownOver);
        this.qstash.awaitWaiter(run, "shipment-" + id);
        assertThat(this.template.workflows().notify("shipment-" + id, new Shipment("dhl", "T-1")))
            .extracting(NotifyResponse::workflowRunId)
            .containsExactly(run);
        this.qstash.advanceClockThroughWaitTimeout(run, "review-" + id);
        this.qstash.awaitStep(run, "publish-webhook");
        HttpResponse<String> webhookCall = HTTP.send(HttpRequest.newBuilder(URI.create(this.workflows.webhooks.get(id)))
            .POST(HttpRequest.BodyPublishers.ofString("paid 42"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(webhookCall.statusCode()).isEqualTo(200);

        Summary summary = this.qstash.awaitRunResult(run, Summary.class);
        assertThat(summary).isEqualTo(new Summary(new Receipt(id, 4200), 201, "q-" + id, new Quote(id, 499), false,
                new Shipment("dhl", "T-1"), true, 1, 3, false, new Invoice(id, "INV-" + id), false, "POST paid 42"));
        assertThat(this.qstash.awaitRunResult(packer, Packing.class))
            .isEqualTo(new Packing(false, new Shipment("dhl", "T-1")));
        assertThat(this.journal.entries(id)).containsExactlyInAnyOrder("charge", "quote requested with key k-1",
                "pick-left", "pick-right", "invoice numbered", "publish-webhook");
    }

    @Test
    void aWaitForAnEventTimesOutWhenTheClockPassesItsDeadline() {
        String id = newOrderId();
        String run = start("/workflows/packer", id);

        this.qstash.advanceClockThroughWaitTimeout(run, "packed-" + id);

        assertThat(this.qstash.awaitRunResult(run, Packing.class)).isEqualTo(new Packing(true, null));
    }

    @Test
    void aWaitEndsWithTheEventTheTestSends() {
        String id = newOrderId();
        String run = start("/workflows/packer", id);

        NotifyResponse notified = this.qstash.notify(run, "packed-" + id, new Shipment("ups", "T-2"));

        assertThat(notified.workflowRunId()).isEqualTo(run);
        assertThat(this.qstash.awaitRunResult(run, Packing.class))
            .isEqualTo(new Packing(false, new Shipment("ups", "T-2")));
    }

    @Test
    void aStepThatFailsWithoutRetriesFailsTheRunAndRunsTheFailureHandler() {
        String id = newOrderId();
        String run = this.template.workflows()
            .trigger(WorkflowTrigger.to(this.qstash.url("/workflows/doomed")).json(new Order(id, 1, 0)).retries(0))
            .workflowRunId();

        assertThat(this.qstash.awaitRunState(run, "RUN_FAILED").dlqId()).isNotNull();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            WorkflowRunLog.FailureFunction failure = this.qstash.runLog(run).orElseThrow().failureFunction();
            assertThat(failure).isNotNull();
            assertThat(failure.state()).isEqualTo("CALLBACK_SUCCESS");
        });
        assertThat(this.journal.entries(id)).containsExactly("reserve", "ship attempt",
                "failure handler: 500 warehouse on fire");
    }

    @Test
    void aWorkflowThatCancelsItselfEndsCancelled() {
        String id = newOrderId();
        String run = start("/workflows/self-cancelling", new Order(id, 1, 0));

        WorkflowRunLog cancelled = this.qstash.awaitRunState(run, "RUN_CANCELED");

        assertThat(cancelled.workflowRunResponse()).isNull();
        assertThat(this.journal.entries(id)).containsExactly("before-cancel");
    }

    @Test
    void awaitingARunThatEndedInAnotherStateFailsAtOnceWithItsSteps() {
        String id = newOrderId();
        String run = start("/workflows/self-cancelling", new Order(id, 1, 0));

        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.qstash.awaitRunResult(run, String.class))
            .withMessageContaining("Workflow run " + run + " ended RUN_CANCELED, not RUN_SUCCESS")
            .withMessageContaining("sequential:before-cancel=STEP_SUCCESS");
    }

    @Test
    void aSleepingRunCancelledByTheClientNeverWakesUp() {
        String id = newOrderId();
        String run = start("/workflows/sleeper", new Order(id, 1, 0));
        Instant wakeUp = this.qstash.awaitSleeping(run);

        assertThat(this.template.workflows().cancel(run)).isEqualTo(1);

        this.qstash.awaitRunState(run, "RUN_CANCELED");
        this.qstash.advanceClock(Duration.between(this.qstash.now(), wakeUp).plusMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(this.qstash.getBroker()::isIdle);
        assertThat(this.journal.entries(id)).containsExactly("before-sleep");
        assertThat(this.qstash.received("/workflows/sleeper"))
            .noneMatch((delivery) -> delivery.bodyAsString().contains("long-sleep"));
    }

    private String start(String path, Object payload) {
        WorkflowTrigger trigger = WorkflowTrigger.to(this.qstash.url(path));
        return this.template.workflows()
            .trigger((payload instanceof String text) ? trigger.body(text) : trigger.json(payload))
            .workflowRunId();
    }

    private static String newOrderId() {
        return "o-" + UUID.randomUUID().toString().substring(0, 8);
    }

}
