package io.github.qstashspring.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.FakeWorkflowEndpoint;
import io.github.qstashspring.broker.support.FakeWorkflowEndpoint.Step;
import io.github.qstashspring.broker.support.StandaloneBrokerProcess;
import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durability of Upstash Workflow runs: the standalone broker is killed with
 * {@code kill -9} while runs are between steps — a step's delivery in flight, a sleeping
 * step's message waiting for its delay, a {@code waitForEvent} waiting for its timeout —
 * and the broker that comes next on the same database (the same broker restarted on its
 * H2 file or PostgreSQL schema, or a second broker sharing the PostgreSQL schema)
 * finishes every run. The runs are served by {@link FakeWorkflowEndpoint}, which counts
 * what it executes: every step is executed exactly once, because the broker had
 * acknowledged each executed step's publish before the kill and every later delivery
 * carries it in its history (the kill comes once the broker recorded the outcome of each
 * delivery the endpoint answered, so no at-least-once redelivery of an answered delivery
 * is expected either). Each wait times out exactly once: after a restart, and with two
 * brokers polling the same waiters.
 */
class WorkflowCrashIT {

    private static final Duration START_DEADLINE = Duration.ofSeconds(30);

    private static final Duration FINISH_DEADLINE = Duration.ofSeconds(60);

    /**
     * Longer than a kill takes (so that the sleeps and waits are still pending when the
     * broker dies); the restart takes about as long, so nobody waits for it.
     */
    private static final Duration PENDING_AT_KILL = Duration.ofSeconds(10);

    private static final int RUNS_OF_EACH_KIND = 3;

    /** Waits that expire together, for two brokers to race for. */
    private static final int CONCURRENT_WAITS = 10;

    private final List<String> databases = new ArrayList<>();

    @AfterEach
    void disposeDatabases() {
        this.databases.forEach(TestDatabases::dispose);
    }

    @Test
    void aBrokerRestartedOnItsH2FileFinishesTheRunsItWasKilledInRunningEachStepOnce(@TempDir Path directory)
            throws Exception {
        killAndRestart(directory, "jdbc:h2:file:" + directory.resolve("db"));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
    void aBrokerRestartedOnItsPostgresSchemaFinishesTheRunsItWasKilledInRunningEachStepOnce(@TempDir Path directory)
            throws Exception {
        String database = TestDatabases.postgres();
        this.databases.add(database);
        killAndRestart(directory, database);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
    void aSecondBrokerFinishesTheRunsOfAKilledOneAndEachWaitTimesOutOnceWhileBothPoll(@TempDir Path directory)
            throws Exception {
        String database = TestDatabases.postgres();
        this.databases.add(database);
        String[] arguments = { "--qstash.embedded.database.url=" + database,
                // Both look for expired waiters often: their looks overlap.
                "--qstash.embedded.delivery.poll-interval=100ms" };
        try (StandaloneBrokerProcess first = StandaloneBrokerProcess.start(StandaloneBrokerProcess.freePort(),
                directory.resolve("first.log"), arguments);
                FakeWorkflowEndpoint endpoint = FakeWorkflowEndpoint.start(first.client())) {
            List<String> inDelivery = trigger(endpoint,
                    List.of(Step.run(), Step.run(), Step.run().heldUntilRelease(), Step.run(), Step.run()));
            await().atMost(START_DEADLINE).until(() -> inDelivery.stream().allMatch(endpoint::isHeld));
            try (StandaloneBrokerProcess second = StandaloneBrokerProcess.start(StandaloneBrokerProcess.freePort(),
                    directory.resolve("second.log"), arguments)) {
                endpoint.useBroker(second.client());
                List<String> waiting = trigger(endpoint, CONCURRENT_WAITS,
                        List.of(Step.run(), Step.waitForEvent(Duration.ofSeconds(2)), Step.run()));
                awaitEnded(endpoint, waiting);
                assertTimedOutOnce(endpoint, waiting);
                // The first broker dies with the deliveries of the first runs in flight.
                endpoint.freeze();
                await().atMost(START_DEADLINE).until(() -> endpoint.settled(second.client()));
                first.killHard();
                endpoint.release();
                awaitEnded(endpoint, inDelivery);
                await().atMost(START_DEADLINE).until(() -> endpoint.settled(second.client()));
                assertThat(inDelivery).as("runs redelivered by the second broker")
                    .allMatch(endpoint::deliveredAfterRelease);
                assertFinishedRunningEachStepOnce(endpoint, second.client(), inDelivery, 5);
                assertFinishedRunningEachStepOnce(endpoint, second.client(), waiting, 3);
                assertNoProblems(endpoint, directory.resolve("first.log"), directory.resolve("second.log"));
            }
        }
    }

    /**
     * Runs workflows on a broker until each is between steps, kills the broker, restarts
     * it on the same database and waits until every run ended.
     */
    private void killAndRestart(Path directory, String database) throws Exception {
        Path log = directory.resolve("broker.log");
        int port = StandaloneBrokerProcess.freePort();
        String databaseArgument = "--qstash.embedded.database.url=" + database;
        List<String> inDelivery;
        List<String> sleeping;
        List<String> waiting;
        try (FakeWorkflowEndpoint endpoint = FakeWorkflowEndpoint
            .start(new BrokerClient("http://127.0.0.1:" + port, QStashBrokerProperties.DEV_TOKEN))) {
            try (StandaloneBrokerProcess first = StandaloneBrokerProcess.start(port, log, databaseArgument)) {
                inDelivery = trigger(endpoint,
                        List.of(Step.run(), Step.run(), Step.run().heldUntilRelease(), Step.run(), Step.run()));
                sleeping = trigger(endpoint,
                        List.of(Step.run(), Step.run(), Step.sleep(PENDING_AT_KILL), Step.run(), Step.run()));
                waiting = trigger(endpoint,
                        List.of(Step.run(), Step.waitForEvent(PENDING_AT_KILL), Step.run(), Step.run(), Step.run()));
                await().atMost(START_DEADLINE)
                    .until(() -> inDelivery.stream().allMatch(endpoint::isHeld)
                            && sleeping.stream().allMatch((runId) -> endpoint.publishedMessage(runId, 3) != null)
                            && waiting.stream().allMatch((runId) -> !endpoint.executionsOf(runId, 2).isEmpty()));
                endpoint.freeze();
                await().atMost(START_DEADLINE).until(() -> endpoint.settled(first.client()));
                assertPendingAtKill(endpoint, first.client(), sleeping, waiting);
                first.killHard();
            }
            endpoint.release();
            try (StandaloneBrokerProcess second = StandaloneBrokerProcess.start(port, log, databaseArgument)) {
                List<String> all = Stream.of(inDelivery, sleeping, waiting).flatMap(List::stream).toList();
                awaitEnded(endpoint, all);
                await().atMost(START_DEADLINE).until(() -> endpoint.settled(second.client()));
                assertThat(all).as("runs delivered after the restart").allMatch(endpoint::deliveredAfterRelease);
                assertFinishedRunningEachStepOnce(endpoint, second.client(), all, 5);
                assertTimedOutOnce(endpoint, waiting);
                assertNoProblems(endpoint, log);
            }
        }
    }

    private static List<String> trigger(FakeWorkflowEndpoint endpoint, List<Step> steps) {
        return trigger(endpoint, RUNS_OF_EACH_KIND, steps);
    }

    private static List<String> trigger(FakeWorkflowEndpoint endpoint, int count, List<Step> steps) {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(endpoint.trigger(steps));
        }
        return runs;
    }

    /** What the kill must find: the sleeping steps' messages and the waiters stored. */
    private static void assertPendingAtKill(FakeWorkflowEndpoint endpoint, BrokerClient broker, List<String> sleeping,
            List<String> waiting) {
        for (String runId : sleeping) {
            assertThat(broker.get("/v2/messages/" + endpoint.publishedMessage(runId, 3)).status())
                .as("the sleep of %s is pending at the kill", runId)
                .isEqualTo(200);
        }
        for (String runId : waiting) {
            assertThat(broker.get("/v2/waiters/" + FakeWorkflowEndpoint.eventId(runId)).json())
                .as("the waiter of %s at the kill", runId)
                .hasSize(1);
        }
    }

    private static void awaitEnded(FakeWorkflowEndpoint endpoint, List<String> runs) {
        await().atMost(FINISH_DEADLINE)
            .untilAsserted(
                    () -> assertThat(runs).as(() -> "ended runs; the endpoint's problems: " + endpoint.problems())
                        .allMatch((runId) -> endpoint.endings(runId) > 0));
    }

    /**
     * Every step of every run was executed by one delivery, the run was ended once and
     * its history is gone ({@code GET /v2/workflows/runs/<id>} 404).
     */
    private static void assertFinishedRunningEachStepOnce(FakeWorkflowEndpoint endpoint, BrokerClient broker,
            List<String> runs, int steps) {
        for (String runId : runs) {
            for (int stepId = 1; stepId <= steps; stepId++) {
                assertThat(endpoint.executionsOf(runId, stepId))
                    .as("the deliveries that executed step %d of %s", stepId, runId)
                    .hasSize(1);
            }
            assertThat(endpoint.endings(runId)).as("the ends of %s", runId).isOne();
            assertThat(broker.get("/v2/workflows/runs/" + runId).status()).as("the history of %s", runId)
                .isEqualTo(404);
        }
    }

    /**
     * Nothing went wrong on the way: every delivery was signed and carried a history that
     * fits its run, and the broker answered each publish, wait and end 200 (an error the
     * endpoint's next delivery got over is an error still).
     */
    private static void assertNoProblems(FakeWorkflowEndpoint endpoint, Path... logs) {
        assertThat(endpoint.problems())
            .as(() -> "the endpoint's problems; the brokers' errors:\n" + StandaloneBrokerProcess.errors(logs))
            .isEmpty();
    }

    /**
     * Each run's wait timed out once: one delivery ended with the timed-out wait, and no
     * history held two.
     */
    private static void assertTimedOutOnce(FakeWorkflowEndpoint endpoint, List<String> runs) {
        for (String runId : runs) {
            assertThat(endpoint.timeoutDeliveries(runId)).as("deliveries of the timed-out wait of %s", runId).isOne();
            assertThat(endpoint.mostTimeoutEntries(runId)).as("timed-out waits in a history of %s", runId).isOne();
        }
    }

}
