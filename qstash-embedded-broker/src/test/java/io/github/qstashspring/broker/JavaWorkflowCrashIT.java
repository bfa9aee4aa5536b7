package io.github.qstashspring.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.qstashspring.broker.support.DeliveryGate;
import io.github.qstashspring.broker.support.OrderWorkflow;
import io.github.qstashspring.broker.support.OrderWorkflow.Order;
import io.github.qstashspring.broker.support.OrderWorkflowApplication;
import io.github.qstashspring.broker.support.StandaloneBrokerProcess;
import io.github.qstashspring.broker.support.TestDatabases;
import io.github.qstashspring.client.QStashWorkflows;
import io.github.qstashspring.client.WorkflowLogFilter;
import io.github.qstashspring.client.WorkflowRunLog;
import io.github.qstashspring.client.WorkflowTrigger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durability of runs of the real Java workflow SDK: a Spring Boot application in the test
 * JVM serves {@link OrderWorkflow} ({@code context.run} steps around a
 * {@code context.sleep} and a {@code context.waitForEvent}) and triggers its runs with
 * {@code qstash.workflows()}; the standalone broker is killed with {@code kill -9} while
 * runs are between steps — a step's delivery in flight, a sleep pending, a wait
 * registered — and restarted on the same database and port. Every run completes with its
 * result; each step's code ran exactly once, because the kill comes once the broker
 * recorded the outcome of every delivery the endpoint answered ({@link DeliveryGate}), so
 * that no at-least-once redelivery of an executed step is expected; the waits are
 * resolved by a notify after the restart, or time out after it.
 */
class JavaWorkflowCrashIT {

    private static final Duration START_DEADLINE = Duration.ofSeconds(30);

    private static final Duration FINISH_DEADLINE = Duration.ofSeconds(90);

    /**
     * Longer than the runs take to get where the kill finds them (so that the sleeps and
     * waits are still pending when the broker dies); the restart takes about as long, so
     * nobody waits for it.
     */
    private static final Duration PENDING_AT_KILL = Duration.ofSeconds(15);

    /** Sleeps and waits that do not matter to a case. */
    private static final Duration SHORT = Duration.ofSeconds(1);

    /** A wait that only a notify ends. */
    private static final Duration LONG = Duration.ofMinutes(10);

    private static final int RUNS_OF_EACH_KIND = 2;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> databases = new ArrayList<>();

    @AfterEach
    void disposeDatabases() {
        this.databases.forEach(TestDatabases::dispose);
    }

    @Test
    void aBrokerRestartedOnItsH2FileFinishesTheJavaWorkflowRunsItWasKilledInRunningEachStepOnce(
            @TempDir Path directory) {
        killAndRestart(directory, "jdbc:h2:file:" + directory.resolve("db"));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
    void aBrokerRestartedOnItsPostgresSchemaFinishesTheJavaWorkflowRunsItWasKilledInRunningEachStepOnce(
            @TempDir Path directory) {
        String database = TestDatabases.postgres();
        this.databases.add(database);
        killAndRestart(directory, database);
    }

    /**
     * Runs the workflow on a broker until each run is between steps, kills the broker,
     * restarts it on the same database and port, notifies the runs that wait for it and
     * waits until every run ended.
     */
    private void killAndRestart(Path directory, String database) {
        Path log = directory.resolve("broker.log");
        int port = StandaloneBrokerProcess.freePort();
        String databaseArgument = "--qstash.embedded.database.url=" + database;
        // The application starts while the broker does: both take long on a busy machine.
        CompletableFuture<OrderWorkflowApplication> starting = CompletableFuture
            .supplyAsync(() -> OrderWorkflowApplication.start("http://127.0.0.1:" + port));
        try {
            killAndRestart(starting, port, log, databaseArgument);
        }
        finally {
            starting.join().close();
        }
    }

    private void killAndRestart(CompletableFuture<OrderWorkflowApplication> starting, int port, Path log,
            String databaseArgument) {
        List<Run> inDelivery;
        List<Run> sleeping;
        List<Run> notified;
        List<Run> timingOut;
        try (StandaloneBrokerProcess first = StandaloneBrokerProcess.start(port, log, databaseArgument)) {
            OrderWorkflowApplication application = starting.join();
            DeliveryGate gate = application.gate();
            OrderWorkflow workflow = application.workflow();
            QStashWorkflows workflows = application.qstash().workflows();
            // Held at the delivery that would charge.
            inDelivery = trigger(application, "held", SHORT, SHORT, false,
                    (runId) -> gate.holdWhen(runId, () -> workflow.executions(runId, "reserve") > 0));
            sleeping = trigger(application, "sleeping", PENDING_AT_KILL, SHORT, false, (runId) -> {
            });
            notified = trigger(application, "notified", SHORT, LONG, true, (runId) -> {
            });
            timingOut = trigger(application, "timing-out", SHORT, PENDING_AT_KILL, false, (runId) -> {
            });
            List<Run> waiting = Stream.concat(notified.stream(), timingOut.stream()).toList();
            await().atMost(START_DEADLINE)
                .until(() -> inDelivery.stream().allMatch((run) -> gate.holds().isHeld(run.id()))
                        && sleeping.stream().allMatch((run) -> steps(workflows, run).contains("cool-down"))
                        && waiting.stream().allMatch((run) -> !workflows.waiters(run.event()).isEmpty()));
            gate.holds().freeze();
            await().atMost(START_DEADLINE).until(() -> gate.holds().settled(first.client()));
            assertPendingAtKill(workflows, sleeping, waiting);
            first.killHard();
        }
        OrderWorkflowApplication application = starting.join();
        DeliveryGate gate = application.gate();
        QStashWorkflows workflows = application.qstash().workflows();
        gate.holds().release();
        try (StandaloneBrokerProcess second = StandaloneBrokerProcess.start(port, log, databaseArgument)) {
            for (Run run : notified) {
                assertThat(workflows.notify(run.event(), confirmation(run))).as("the runs notified of %s", run.event())
                    .hasSize(1);
            }
            List<Run> all = Stream.of(inDelivery, sleeping, notified, timingOut).flatMap(List::stream).toList();
            await().atMost(FINISH_DEADLINE)
                .untilAsserted(() -> assertThat(all)
                    .as(() -> "ended runs; the endpoint's problems: " + gate.problems() + "; the broker's errors:\n"
                            + StandaloneBrokerProcess.errors(log))
                    .allMatch((run) -> "RUN_SUCCESS".equals(state(workflows, run))));
            await().atMost(START_DEADLINE).until(() -> gate.holds().settled(second.client()));
            for (Run run : all) {
                assertFinishedRunningEachStepOnce(workflows, application.workflow(), run);
            }
            assertThat(gate.problems())
                .as(() -> "the endpoint's problems; the broker's errors:\n" + StandaloneBrokerProcess.errors(log))
                .isEmpty();
        }
    }

    /**
     * Triggers runs with the Java client, each with its id chosen up front.
     * @param before what to do with a run id before its run is triggered
     */
    private static List<Run> trigger(OrderWorkflowApplication application, String kind, Duration sleep, Duration wait,
            boolean notified, Consumer<String> before) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < RUNS_OF_EACH_KIND; i++) {
            Order order = new Order(kind + "-" + i, sleep.toSeconds(), wait.toSeconds());
            Run run = new Run(WorkflowTrigger.RUN_ID_PREFIX + order.id(), order, notified);
            before.accept(run.id());
            String runId = application.qstash()
                .workflows()
                .trigger(WorkflowTrigger.to(application.workflowUrl()).json(order).workflowRunId(order.id()))
                .workflowRunId();
            assertThat(runId).isEqualTo(run.id());
            runs.add(run);
        }
        return runs;
    }

    /**
     * What the kill must find: the sleeps published but not delivered (the wait after
     * them not registered), the waiters stored.
     */
    private static void assertPendingAtKill(QStashWorkflows workflows, List<Run> sleeping, List<Run> waiting) {
        for (Run run : sleeping) {
            assertThat(steps(workflows, run)).as("the steps of %s at the kill", run.id())
                .containsExactly("reserve", "charge", "cool-down");
            assertThat(workflows.waiters(run.event())).as("the waiters of %s at the kill", run.id()).isEmpty();
        }
        for (Run run : waiting) {
            assertThat(workflows.waiters(run.event())).as("the waiters of %s at the kill", run.id()).hasSize(1);
        }
    }

    /**
     * The run's result is the one its steps and wait give, each step's code ran once, and
     * the run's history is gone ({@code GET /v2/workflows/runs/<id>} 404).
     */
    private static void assertFinishedRunningEachStepOnce(QStashWorkflows workflows, OrderWorkflow workflow, Run run) {
        WorkflowRunLog log = log(workflows, run);
        assertThat(log.workflowRunResponse()).as("the result of %s", run.id())
            .isEqualTo(JSON.writeValueAsString(run.expectedResult()));
        for (String step : List.of("reserve", "charge", "ship")) {
            assertThat(workflow.executions(run.id(), step)).as("the executions of step %s of %s", step, run.id())
                .isOne();
        }
        assertThat(workflows.history(run.id())).as("the history of %s", run.id()).isNull();
    }

    /** The names of the steps in the run's history on the broker. */
    private static List<String> steps(QStashWorkflows workflows, Run run) {
        String history = workflows.history(run.id());
        List<String> names = new ArrayList<>();
        if (history == null) {
            return names;
        }
        for (JsonNode entry : JSON.readTree(history)) {
            if (entry.path("callType").asString("step").equals("step")) {
                byte[] body = Base64.getDecoder().decode(entry.path("body").asString(""));
                JsonNode step = JSON.readTree(body);
                if (step.has("stepName")) {
                    names.add(step.path("stepName").asString());
                }
            }
        }
        return names;
    }

    private static @Nullable String state(QStashWorkflows workflows, Run run) {
        List<WorkflowRunLog> logs = workflows.logs(new WorkflowLogFilter().workflowRunId(run.id())).items();
        return logs.isEmpty() ? null : logs.get(0).workflowState();
    }

    private static WorkflowRunLog log(QStashWorkflows workflows, Run run) {
        List<WorkflowRunLog> logs = workflows.logs(new WorkflowLogFilter().workflowRunId(run.id())).items();
        assertThat(logs).as("the logs of %s", run.id()).hasSize(1);
        return logs.get(0);
    }

    private static String confirmation(Run run) {
        return "confirmed " + run.order().id();
    }

    /**
     * A run of the test.
     *
     * @param id its run id
     * @param order its payload
     * @param notified whether the test notifies its wait (else the wait times out)
     */
    private record Run(String id, Order order, boolean notified) {

        String event() {
            return OrderWorkflow.confirmationEvent(this.order.id());
        }

        String expectedResult() {
            String id = this.order.id();
            return String.join(", ", "reserve " + id, "charge " + id,
                    this.notified ? confirmation(this) : "unconfirmed", "ship " + id);
        }

    }

}
