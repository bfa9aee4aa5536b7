package io.github.qstashspring.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.qstashspring.benchmarks.jmh.SignatureBenchmark;
import io.github.qstashspring.benchmarks.receiver.ArrivalLog;
import io.github.qstashspring.benchmarks.receiver.ReceiverApplication;
import io.github.qstashspring.broker.QStashBrokerProperties;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole benchmark set and prints a table (also written to
 * {@code benchmark-results.md} next to the jar):
 *
 * <pre>
 * ./mvnw -q -Pbenchmarks -pl qstash-benchmarks -am package -DskipTests
 * java -jar qstash-benchmarks/target/qstash-benchmarks.jar [--quick] [--duration=30s] [--concurrency=16] [--only=e2e,...]
 * </pre>
 */
public final class QStashBenchmarks {

    private static final String CURRENT_KEY = QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY;

    private static final String NEXT_KEY = QStashBrokerProperties.DEV_NEXT_SIGNING_KEY;

    private final BenchmarkSettings settings;

    private final ResultTable table = new ResultTable();

    private @Nullable ReceiverApplication receiver;

    private double loopbackRate = Double.NaN;

    private boolean postgresSkipNoted;

    private final List<String[]> databaseReferences = new ArrayList<>();

    private final Map<String, Double> endToEndRates = new HashMap<>();

    private QStashBenchmarks(BenchmarkSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs the benchmarks.
     * @param args see {@link BenchmarkSettings#parse(String[])}
     * @throws Exception on a failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.parse(args);
        QStashBenchmarks benchmarks = new QStashBenchmarks(settings);
        int status = 0;
        try {
            benchmarks.runAll();
        }
        catch (Exception ex) {
            ex.printStackTrace();
            status = 1;
        }
        finally {
            benchmarks.finish();
        }
        System.exit(status);
    }

    private void runAll() throws Exception {
        System.out.println("QStash benchmarks, " + Instant.now() + (this.settings.quick() ? " (quick mode)" : ""));
        System.out.println(Machine.describe());
        System.out.println("Settings: " + this.settings);
        if (this.settings.runs("verifier")) {
            section("verifier");
            verifier();
        }
        if (this.settings.runs("reference")) {
            section("reference");
            references();
        }
        if (this.settings.runs("e2e")) {
            section("e2e");
            endToEnd();
        }
        if (this.settings.runs("workflow")) {
            section("workflow");
            workflow();
        }
        if (this.settings.runs("paths")) {
            section("paths");
            paths();
        }
        if (this.settings.runs("cron")) {
            section("cron");
            cron();
        }
        if (this.settings.runs("listener")) {
            section("listener");
            listener();
        }
        if (this.settings.runs("template")) {
            section("template");
            template();
        }
        if (this.settings.runs("standalone")) {
            section("standalone");
            standalone();
        }
    }

    private void section(String name) {
        this.table.add("**" + name + "** (load average " + Machine.loadAverage() + ")", "", "", "");
    }

    private void verifier() throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.include(SignatureBenchmark.class.getName())
            .forks(1)
            .threads(1)
            .warmupIterations(this.settings.quick() ? 1 : 3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(this.settings.quick() ? 2 : 5)
            .measurementTime(TimeValue.seconds(1))
            .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        double verify = Double.NaN;
        double verifyNext = Double.NaN;
        double sign = Double.NaN;
        for (RunResult result : results) {
            String label = result.getPrimaryResult().getLabel();
            double score = result.getPrimaryResult().getScore();
            switch (label) {
                case "verify" -> verify = score;
                case "verifyWithNextKey" -> verifyNext = score;
                case "sign" -> sign = score;
                default -> {
                }
            }
        }
        this.table.add("Verifier alone: `verify` 1 KiB, current key (JMH, 1 thread)", perOp(verify),
                "signer `sign` 1 KiB: " + perOp(sign), goal(1e6 / verify <= 15, "≤ 15 µs"));
        this.table.add("Verifier alone: signed with the next key (current tried first)", perOp(verifyNext), "", "");
        double cpu = VerifierCpuTime.microsPerVerify(this.settings.quick() ? 20_000 : 200_000);
        this.table.add("Verifier alone: CPU time of the calling thread per `verify`, 1 KiB",
                String.format(Locale.ROOT, "%.2f µs CPU/op", cpu), "",
                goal(cpu <= 15, "≤ 15 µs") + " (CPU time does not count waiting for a core on a shared machine)");
    }

    private void references() throws Exception {
        int concurrency = this.settings.concurrency();
        byte[] body = ArrivalLog.body(1, BrokerPublisher.BODY_SIZE);
        try (LoopbackHttp.StubServer stub = LoopbackHttp.stub(200, "", concurrency);
                CloseableHttpClient client = LoopbackHttp.client(concurrency)) {
            String url = stub.baseUrl() + "/";
            ClosedLoop.Operation call = (t) -> {
                HttpPost post = new HttpPost(url);
                post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
                client.execute(post, (response) -> {
                    EntityUtils.consume(response.getEntity());
                    return null;
                });
            };
            ClosedLoop.run(concurrency, Duration.ofSeconds(1), call);
            ClosedLoop.Result result = ClosedLoop.run(concurrency, this.settings.referenceDuration().multipliedBy(2),
                    call);
            this.loopbackRate = result.perSecond();
            this.table.add("Raw loopback HTTP (HttpClient 5 → JDK HttpServer, 1 KiB POST, c=" + concurrency + ")",
                    ResultTable.rate(this.loopbackRate, "req/s"), "(reference)", errors(result));
        }
        for (DatabaseFactory factory : databases()) {
            try (BenchDatabase database = factory.create()) {
                DatabaseReference.Result result = DatabaseReference.measure(database, this.settings.referenceDuration(),
                        10);
                String figures = ResultTable.rate(result.singleOneConnection(), "commits/s") + " (1 row, 1 conn); "
                        + ResultTable.rate(result.singleConcurrent(), "commits/s") + " (1 row, 10 conns); "
                        + ResultTable.rate(result.batched(), "rows/s") + " (" + DatabaseReference.BATCH
                        + " rows/commit)";
                this.databaseReferences.add(new String[] { database.name(),
                        ResultTable.rate(result.singleConcurrent(), "1-row commits/s (10 conns)") + ", "
                                + ResultTable.rate(result.batched(), "batched rows/s") });
                this.table.add("Raw JDBC insert+commit, 1 KiB row, " + database.name(), figures, "(reference)", "");
            }
        }
    }

    private void endToEnd() throws Exception {
        ReceiverApplication receiver = receiver();
        EndToEndBenchmark benchmark = new EndToEndBenchmark(this.settings, receiver);
        for (DatabaseFactory factory : databases()) {
            try (BenchDatabase database = factory.create()) {
                String name = database.name();
                System.out.println("End to end on " + name + " (load average " + Machine.loadAverage() + ")");
                EndToEndBenchmark.Result result = benchmark.run(database);
                EndToEndBenchmark.Throughput t = result.throughput();
                this.endToEndRates.put(name, t.deliveredRate());
                String reference = "loopback HTTP " + ResultTable.rate(this.loopbackRate, "req/s") + "; DB "
                        + databaseReference(name);
                double goal = name.equals("PostgreSQL") ? 2000 : (name.equals("H2 file") ? 3000 : Double.NaN);
                this.table.add(
                        "End-to-end throughput, " + name + " (c=" + this.settings.concurrency() + ", "
                                + this.settings.duration().toSeconds() + " s, listener verifies)",
                        ResultTable.rate(t.deliveredRate(), "msg/s") + " (" + t.accepted() + " accepted, " + t.missing()
                                + " missing, " + t.duplicates() + " duplicates)",
                        reference,
                        (Double.isNaN(goal) ? "no goal" : goal(t.deliveredRate() >= goal, "≥ " + (int) goal))
                                + "; publish " + ResultTable.rate(t.publishRate(), "msg/s") + ", backlog "
                                + t.backlogAtPublishEnd() + " at publish end, drained in "
                                + String.format(Locale.ROOT, "%.1f s", t.totalSeconds()) + (t.publishErrors() > 0
                                        ? "; " + t.publishErrors() + " publish errors: " + t.firstError() : ""));
                var idle = result.idle().histogram();
                boolean idleGoal = idle.getValueAtPercentile(50) <= 5_000 && idle.getValueAtPercentile(99) <= 25_000;
                this.table.add("Publish-to-delivery latency, idle, " + name, result.idle().summary(),
                        "publish round-trip " + result.idleAck().summary(), goal(idleGoal, "p50 ≤ 5 ms, p99 ≤ 25 ms")
                                + "; 2xx-to-delivery " + result.idleAckToDelivery().summary());
                this.table.add("Publish-to-delivery latency at half max ("
                        + ResultTable.rate(result.halfRate(), "msg/s") + "), " + name, result.halfLoad().summary(), "",
                        "from the scheduled publish time");
                this.table.add("Broker start (in-process, " + name + ", empty)", result.startMillis() + " ms", "", "");
            }
        }
    }

    private void workflow() throws Exception {
        WorkflowBenchmark benchmark = new WorkflowBenchmark(this.settings);
        for (DatabaseFactory factory : databases()) {
            try (BenchDatabase database = factory.create()) {
                String name = database.name();
                System.out.println("Workflow on " + name + " (load average " + Machine.loadAverage() + ")");
                WorkflowBenchmark.Result result = benchmark.run(database);
                ChainPhase workflow = result.workflow();
                ChainPhase plain = result.plain();
                Double endToEnd = this.endToEndRates.get(name);
                this.table.add("Workflow steps, "
                        + name + " (" + workflow.concurrency() + " runs at a time × " + workflow.steps() + " steps, "
                        + this.settings.duration().toSeconds() + " s, endpoint verifies and publishes the next step)",
                        stepRate(workflow),
                        "plain messages, same broker and endpoint: " + stepRate(plain) + "; e2e "
                                + ((endToEnd != null) ? ResultTable.rate(endToEnd, "msg/s") : "not run"),
                        ResultTable.ratio(workflow.stepsPerSecond() / plain.stepsPerSecond())
                                + String.format(Locale.ROOT, " of plain: %.0f vs %.0f µs of the machine per step",
                                        1e6 / workflow.stepsPerSecond(), 1e6 / plain.stepsPerSecond())
                                + failures(workflow) + failures(plain));
                this.table.add(
                        "Workflow step publish-to-delivery, " + workflow.concurrency() + " runs at a time, " + name,
                        workflow.delivery().summary(), "plain " + plain.delivery().summary(),
                        "step publish round-trip (`POST /v2/batch`) " + workflow.publish().summary() + "; plain "
                                + plain.publish().summary());
                ChainPhase workflowIdle = result.workflowIdle();
                ChainPhase plainIdle = result.plainIdle();
                this.table.add("Workflow step publish-to-delivery, 1 run at a time, " + name,
                        workflowIdle.delivery().summary(), "plain " + plainIdle.delivery().summary(),
                        "trigger-to-first-delivery " + workflowIdle.first().summary() + "; " + stepRate(workflowIdle)
                                + " vs plain " + stepRate(plainIdle) + failures(workflowIdle) + failures(plainIdle));
                ChainPhase longRuns = result.longRuns();
                this.table.add(
                        "Workflow steps, " + name + " (" + longRuns.concurrency() + " runs at a time × "
                                + longRuns.steps() + " steps)",
                        stepRate(longRuns),
                        workflow.steps() + "-step runs: " + ResultTable.rate(workflow.stepsPerSecond(), "steps/s"),
                        ResultTable.ratio(longRuns.stepsPerSecond() / workflow.stepsPerSecond()) + "; history of step "
                                + longRuns.steps() + ": " + longRuns.largestDelivery() + " bytes delivered"
                                + failures(longRuns));
                historyRow(name, result.longIdle());
                historyRow(name, longRuns);
                this.table.add("Broker start (in-process, " + name + ", empty)", result.startMillis() + " ms", "", "");
            }
        }
    }

    private void historyRow(String name, ChainPhase runs) {
        int from = runs.steps() - ChainPhase.WINDOW + 1;
        this.table.add(
                "Step publish-to-delivery by history length, " + runs.steps() + "-step runs, " + runs.concurrency()
                        + " at a time, " + name + ": steps " + from + "-" + runs.steps() + " vs 1-" + ChainPhase.WINDOW,
                runs.late().summary(), "steps 1-" + ChainPhase.WINDOW + " " + runs.early().summary(),
                "publish round-trip: steps " + from + "-" + runs.steps() + " " + runs.publishLate().summary()
                        + ", steps 1-" + ChainPhase.WINDOW + " " + runs.publishEarly().summary() + "; " + stepRate(runs)
                        + failures(runs));
    }

    private static String stepRate(ChainPhase phase) {
        return ResultTable.rate(phase.stepsPerSecond(), phase.workflow() ? "steps/s" : "msg/s") + " ("
                + phase.completed() + (phase.workflow() ? " runs, " : " chains, ") + phase.stepsMissing() + " missing, "
                + phase.duplicates() + " duplicates)";
    }

    private static String failures(ChainPhase phase) {
        return (phase.failures() == 0) ? "" : "; **" + phase.failures() + " failures**, first: " + phase.firstFailure();
    }

    private void paths() throws Exception {
        try (BenchDatabase database = BenchDatabase.h2Memory()) {
            for (PublishPathLatency.PathResult result : new PublishPathLatency(receiver()).run(database,
                    this.settings.quick() ? 20 : 50, Duration.ofSeconds(this.settings.quick() ? 10 : 15))) {
                this.table.add("Idle publish-to-delivery by path (H2 memory): " + result.path(),
                        result.latencies().summary(), "", (result.timeouts() > 0)
                                ? "**" + result.timeouts() + " samples not delivered within 5 s**" : "");
            }
        }
    }

    private void cron() throws Exception {
        Latencies reference = CronLatenessReference.measure(this.settings.cronTicks());
        this.table.add("ScheduledExecutorService aimed at whole seconds: lateness", reference.summary(), "(reference)",
                "");
        try (BenchDatabase database = BenchDatabase.h2Memory()) {
            BrokerCronLateness.Result result = new BrokerCronLateness(receiver()).run(database,
                    this.settings.brokerCronTicks());
            Histogram delivered = result.delivered().histogram();
            boolean met = delivered.getTotalCount() > 0 && delivered.getValueAtPercentile(99) <= 250_000
                    && result.missing() == 0 && result.duplicates() == 0 && result.early() == 0;
            String anomalies = ((result.missing() > 0)
                    ? "; **" + result.missing() + " ticks not delivered within 10 s**" : "")
                    + ((result.duplicates() > 0) ? "; **" + result.duplicates() + " duplicate deliveries**" : "")
                    + ((result.early() > 0) ? "; **" + result.early() + " ticks before their due time**" : "");
            this.table.add(
                    "Broker cron tick lateness, H2 memory (`* * * * *`): due time → tick delivered to the listener",
                    result.delivered().summary(), "executor " + reference.summary(),
                    goal(met, "p99 ≤ 250 ms") + anomalies);
            this.table.add("Broker cron tick lateness, H2 memory: due time → fired by the ticker (`lastScheduleTime`)",
                    result.fired().summary(), "",
                    "broker log, 1 ms resolution: due → `CREATED` " + result.created().summary()
                            + "; due → `ACTIVE` (claimed, about to be sent) " + result.claimed().summary());
        }
    }

    private void listener() throws Exception {
        OverheadBenchmarks.Pair pair = OverheadBenchmarks.listener(receiver(), CURRENT_KEY,
                this.settings.referenceDuration());
        this.table.add("`@QStashListener` request vs plain `@PostMapping`, 1 KiB, c=1",
                String.format(Locale.ROOT, "%.1f µs/request (%,.0f req/s)", pair.a(), pair.aRate()),
                String.format(Locale.ROOT, "plain %.1f µs/request (%,.0f req/s)", pair.b(), pair.bRate()),
                ResultTable.ratio(pair.ratio())
                        + String.format(Locale.ROOT, ", overhead %.1f µs/request", pair.a() - pair.b()));
        this.table.add("`@QStashListener` vs plain `@PostMapping`: process CPU time per request",
                String.format(Locale.ROOT, "%.1f µs CPU/request", pair.aCpu()),
                String.format(Locale.ROOT, "plain %.1f µs CPU/request", pair.bCpu()),
                String.format(Locale.ROOT, "listener adds %.1f µs CPU/request (client side identical); ",
                        pair.aCpu() - pair.bCpu())
                        + goal(pair.aCpu() - pair.bCpu() <= 15, "≤ 15 µs, if it covers the whole listener request"));
    }

    private void template() throws Exception {
        OverheadBenchmarks.TemplateOverheads overheads = OverheadBenchmarks.template(this.settings.referenceDuration());
        templateRows("HttpClient 5 (the default transport)", "HttpClient 5", overheads.httpComponents());
        templateRows("the JDK HttpClient (`http-transport=jdk`)", "JDK HttpClient", overheads.jdk());
    }

    private void templateRows(String transport, String client, OverheadBenchmarks.Pair pair) {
        this.table.add(
                "`QStashTemplate.publish` on " + transport + " vs bare " + client + " call, same stub, 1 KiB, c=1",
                String.format(Locale.ROOT, "%.1f µs/publish (%,.0f/s)", pair.a(), pair.aRate()),
                String.format(Locale.ROOT, "bare %s %.1f µs (%,.0f/s)", client, pair.b(), pair.bRate()),
                ResultTable.ratio(pair.ratio())
                        + String.format(Locale.ROOT, ", overhead %.1f µs/publish", pair.a() - pair.b()));
        this.table.add(
                "`QStashTemplate.publish` on " + transport + " vs bare " + client + ": process CPU time per call",
                String.format(Locale.ROOT, "%.1f µs CPU/publish", pair.aCpu()),
                String.format(Locale.ROOT, "bare %s %.1f µs CPU/call", client, pair.bCpu()),
                ResultTable.ratio(pair.aCpu() / pair.bCpu())
                        + String.format(Locale.ROOT, ", template adds %.1f µs CPU/publish", pair.aCpu() - pair.bCpu()));
    }

    private void standalone() throws Exception {
        StandaloneBrokerBenchmark.Result result = new StandaloneBrokerBenchmark(
                execJar("qstash.benchmarks.broker-jar", "qstash-embedded-broker"),
                execJar("qstash.benchmarks.reference-jar", "qstash-benchmarks-reference-app"))
            .run(this.settings.pendingMessages());
        this.table.add("Standalone broker start, empty H2 file, `java -jar`", startFigures(result.empty()),
                "reference app " + startFigures(result.reference()), "default JVM options");
        this.table.add("Standalone broker start, " + result.pendingMessages() + " pending messages, `java -jar`",
                startFigures(result.pending()), "empty: " + result.empty().startMillis() + " ms",
                String.format(Locale.ROOT, "pending adds %+d ms, %+.0f MiB RSS",
                        result.pending().startMillis() - result.empty().startMillis(),
                        result.pending().rssMiB() - result.empty().rssMiB()));
        StandaloneBrokerBenchmark.Start broker = median(result.recommended());
        StandaloneBrokerBenchmark.Start reference = median(result.recommendedReference());
        boolean met = broker.startMillis() <= 3000 && broker.rssMiB() <= 200;
        this.table.add(
                "Standalone broker start, empty H2 file, recommended command (CDS archive, "
                        + String.join(" ", StartRecipe.OPTIONS) + "), median of " + StandaloneBrokerBenchmark.ROUNDS,
                startFigures(broker) + " (starts " + startTimes(result.recommended()) + ")",
                "reference app " + startFigures(reference) + " (starts " + startTimes(result.recommendedReference())
                        + ")",
                goal(met, "≤ 3,000 ms, ≤ 200 MiB RSS") + String.format(Locale.ROOT,
                        "; broker/reference %.2f × time, %+.0f MiB RSS",
                        (double) broker.startMillis() / reference.startMillis(), broker.rssMiB() - reference.rssMiB()));
        this.table.add(
                "Standalone broker start, " + result.pendingMessages() + " pending messages, recommended command",
                startFigures(result.recommendedPending()), "", "");
    }

    private static StandaloneBrokerBenchmark.Start median(List<StandaloneBrokerBenchmark.Start> starts) {
        List<StandaloneBrokerBenchmark.Start> sorted = new ArrayList<>(starts);
        sorted.sort(java.util.Comparator.comparingLong(StandaloneBrokerBenchmark.Start::startMillis));
        StandaloneBrokerBenchmark.Start byTime = sorted.get(sorted.size() / 2);
        double[] rss = starts.stream().mapToDouble(StandaloneBrokerBenchmark.Start::rssMiB).sorted().toArray();
        double[] heap = starts.stream().mapToDouble(StandaloneBrokerBenchmark.Start::heapUsedMiB).sorted().toArray();
        return new StandaloneBrokerBenchmark.Start(byTime.startMillis(), rss[rss.length / 2], heap[heap.length / 2]);
    }

    private static String startTimes(List<StandaloneBrokerBenchmark.Start> starts) {
        return String.join(", ", starts.stream().map((start) -> start.startMillis() + "").toList()) + " ms";
    }

    private static String startFigures(StandaloneBrokerBenchmark.Start start) {
        return String.format(Locale.ROOT, "%d ms to answer; RSS %.0f MiB; heap used after GC %.0f MiB",
                start.startMillis(), start.rssMiB(), start.heapUsedMiB());
    }

    private void finish() {
        if (this.receiver != null) {
            this.receiver.close();
        }
        String markdown = "Load average at the end: " + Machine.loadAverage() + "\n\n" + this.table.toMarkdown();
        System.out.println();
        System.out.println(Machine.describe());
        System.out.println(markdown);
        try {
            Path output = Path.of(QStashBenchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("benchmark-results.md");
            Files.writeString(output, Machine.describe() + "\n\n" + markdown);
            System.out.println("Written to " + output);
        }
        catch (Exception ex) {
            System.err.println("Could not write benchmark-results.md: " + ex);
        }
    }

    private ReceiverApplication receiver() {
        if (this.receiver == null) {
            this.receiver = ReceiverApplication.start(CURRENT_KEY, NEXT_KEY);
        }
        return this.receiver;
    }

    private String databaseReference(String name) {
        for (String[] reference : this.databaseReferences) {
            if (reference[0].equals(name)) {
                return reference[1];
            }
        }
        return "(reference not run)";
    }

    private List<DatabaseFactory> databases() {
        List<DatabaseFactory> databases = new ArrayList<>();
        if (this.settings.uses("h2-file")) {
            databases.add(BenchDatabase::h2File);
        }
        if (this.settings.uses("h2-memory")) {
            databases.add(BenchDatabase::h2Memory);
        }
        String postgres = this.settings.postgresUrl();
        if (postgres != null && this.settings.uses("postgres")) {
            databases.add(() -> BenchDatabase.postgres(postgres));
        }
        else if (postgres == null && !this.postgresSkipNoted) {
            this.postgresSkipNoted = true;
            this.table.add("PostgreSQL", "skipped", "", "QSTASH_TEST_POSTGRES_URL is not set");
        }
        return databases;
    }

    private static Path execJar(String property, String module) throws Exception {
        String configured = System.getProperty(property);
        if (configured != null) {
            return Path.of(configured);
        }
        Path here = Path.of(QStashBenchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = here.getParent().getParent().getParent().resolve(module).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        catch (IOException ex) {
            // reported below
        }
        throw new IllegalStateException(
                "no " + module + "-*-exec.jar in " + target + "; build it (-am) or pass -D" + property + "=...");
    }

    private static String perOp(double opsPerSecond) {
        return String.format(Locale.ROOT, "%,.0f ops/s = %.2f µs/op", opsPerSecond, 1e6 / opsPerSecond);
    }

    private static String goal(boolean met, String goal) {
        return (met ? "goal " : "**goal not met** ") + goal;
    }

    private static String errors(ClosedLoop.Result result) {
        return (result.errors() == 0) ? "" : result.errors() + " errors, first: " + result.firstError();
    }

    @FunctionalInterface
    private interface DatabaseFactory {

        BenchDatabase create() throws Exception;

    }

}
