package io.github.qstashspring.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the {@code workflow} section briefly on an in-memory broker: in every phase,
 * every run (and every chain of plain messages) started must have ended, with each of its
 * steps delivered once and no failure.
 */
class WorkflowBenchmarkTests {

    @Test
    void everyRunEndsWithEveryStepDeliveredOnce() throws Exception {
        BenchmarkSettings settings = BenchmarkSettings
            .parse(new String[] { "--quick", "--duration=1s", "--concurrency=4" });
        try (BenchDatabase database = BenchDatabase.h2Memory()) {
            WorkflowBenchmark.Result result = new WorkflowBenchmark(settings).run(database);
            List<ChainPhase> phases = List.of(result.plainIdle(), result.workflowIdle(), result.plain(),
                    result.workflow(), result.longIdle(), result.longRuns());
            for (ChainPhase phase : phases) {
                String name = (phase.workflow() ? "runs" : "plain chains") + " of " + phase.steps() + " steps, c="
                        + phase.concurrency();
                assertThat(phase.failures()).as(name + ": " + phase.firstFailure()).isZero();
                assertThat(phase.started()).as(name).isPositive();
                assertThat(phase.completed()).as(name).isEqualTo(phase.started());
                assertThat(phase.stepsDelivered()).as(name).isEqualTo(phase.started() * phase.steps());
                assertThat(phase.stepsMissing()).as(name).isZero();
                assertThat(phase.duplicates()).as(name).isZero();
                assertThat(phase.delivery().histogram().getTotalCount()).as(name).isEqualTo(phase.stepsDelivered());
                assertThat(phase.first().histogram().getTotalCount()).as(name).isEqualTo(phase.started());
            }
            ChainPhase longRuns = result.longRuns();
            assertThat(longRuns.steps()).isEqualTo(WorkflowBenchmark.LONG_STEPS);
            assertThat(longRuns.early().histogram().getTotalCount())
                .isEqualTo(longRuns.completed() * ChainPhase.WINDOW);
            assertThat(longRuns.late().histogram().getTotalCount()).isEqualTo(longRuns.completed() * ChainPhase.WINDOW);
            assertThat(longRuns.largestDelivery()).as("the history of a run's last step")
                .isGreaterThan(result.workflow().largestDelivery());
        }
    }

}
