package io.github.qstashspring.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.qstashspring.broker.EmbeddedQStashBroker;

/**
 * The {@code workflow} section on one database: Upstash Workflow runs of sequential
 * {@code Run} steps driven through a broker by a verifying endpoint that speaks the SDK's
 * wire ({@link WorkflowEndpoint}), beside chains of plain messages of the same length
 * through the same broker and endpoint. Measures steps per second and the time from a
 * step's publish to its delivery, one run at a time and with {@code --concurrency} runs
 * at a time, and how both grow with the history a delivery carries (runs of
 * {@value #LONG_STEPS} steps). Every phase counts the steps never delivered and those
 * delivered twice.
 */
public final class WorkflowBenchmark {

    /** Steps of each run (and messages after the first of each plain chain). */
    public static final int STEPS = 10;

    /** Steps of each run of the history-length phase. */
    public static final int LONG_STEPS = 50;

    private static final Duration CHAIN_TIMEOUT = Duration.ofSeconds(60);

    private final BenchmarkSettings settings;

    private final AtomicLong ids = new AtomicLong();

    /**
     * Creates the benchmark.
     * @param settings the settings ({@code --concurrency}, {@code --duration},
     * {@code --quick})
     */
    public WorkflowBenchmark(BenchmarkSettings settings) {
        this.settings = settings;
    }

    /**
     * The figures of one database.
     *
     * @param plainIdle plain chains, one at a time
     * @param workflowIdle runs of {@value #STEPS} steps, one at a time
     * @param plain plain chains, {@code --concurrency} at a time
     * @param workflow runs of {@value #STEPS} steps, {@code --concurrency} at a time
     * @param longIdle runs of {@value #LONG_STEPS} steps, one at a time
     * @param longRuns runs of {@value #LONG_STEPS} steps, {@code --concurrency} at a time
     * @param startMillis broker start time
     */
    public record Result(ChainPhase plainIdle, ChainPhase workflowIdle, ChainPhase plain, ChainPhase workflow,
            ChainPhase longIdle, ChainPhase longRuns, long startMillis) {
    }

    /**
     * Runs every phase on a fresh broker over the database: a warm-up of both kinds, then
     * one chain at a time (plain, then workflow), then {@code --concurrency} at a time
     * for {@code --duration} (plain, workflow, then the long runs).
     * @param database the database
     * @return the figures
     * @throws Exception on a failure
     */
    public Result run(BenchDatabase database) throws Exception {
        long starting = System.nanoTime();
        int concurrency = this.settings.concurrency();
        try (EmbeddedQStashBroker broker = EmbeddedQStashBroker.builder()
            .properties(BenchBrokers.properties())
            .databaseUrl(database.url())
            .start(); WorkflowEndpoint endpoint = WorkflowEndpoint.start(broker, concurrency)) {
            long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting);
            Duration warmUp = Duration.ofSeconds(this.settings.quick() ? 1 : 3);
            measure(endpoint, false, STEPS, concurrency, warmUp);
            measure(endpoint, true, STEPS, concurrency, warmUp);
            Duration idle = Duration.ofSeconds(this.settings.quick() ? 2 : 10);
            ChainPhase plainIdle = measure(endpoint, false, STEPS, 1, idle);
            ChainPhase workflowIdle = measure(endpoint, true, STEPS, 1, idle);
            ChainPhase longIdle = measure(endpoint, true, LONG_STEPS, 1, idle);
            ChainPhase plain = measure(endpoint, false, STEPS, concurrency, this.settings.duration());
            ChainPhase workflow = measure(endpoint, true, STEPS, concurrency, this.settings.duration());
            ChainPhase longRuns = measure(endpoint, true, LONG_STEPS, concurrency, this.settings.duration());
            return new Result(plainIdle, workflowIdle, plain, workflow, longIdle, longRuns, startMillis);
        }
    }

    /**
     * Runs {@code concurrency} chains at a time, starting a new one whenever one ends,
     * until {@code duration} passed and the chains in flight ended.
     */
    private ChainPhase measure(WorkflowEndpoint endpoint, boolean workflow, int steps, int concurrency,
            Duration duration) throws InterruptedException {
        ChainPhase phase = new ChainPhase(workflow, steps, concurrency);
        String prefix = workflow ? "wfr_bench_" : "chain_";
        ClosedLoop.Result loop = ClosedLoop.run(concurrency, duration,
                (t) -> endpoint.start(prefix + this.ids.incrementAndGet(), phase)
                    .done()
                    .get(CHAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        phase.finish(loop);
        return phase;
    }

}
