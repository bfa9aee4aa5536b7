package io.github.qstashspring.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.qstashspring.broker.QStashBrokerProperties;
import org.jspecify.annotations.Nullable;

/**
 * Starts the standalone broker and, as the reference, the smallest Spring Boot web
 * application ({@code qstash-benchmarks-reference-app}), each as a process, with two
 * commands: the default {@code java -jar <exec jar>}, and the recommended one of
 * docs/embedded-broker.md ({@link StartRecipe}: the jar extracted, a class data sharing
 * archive from a training run, C1 only, Serial GC, a capped heap). The broker runs on an
 * H2 file: empty, then again with pending messages (published with
 * {@code Upstash-Delay: 1d} through {@code /v2/batch}). Each start is measured from
 * process start until the first request is answered ({@code GET /v2/keys} with the token,
 * {@code GET /ping} for the reference), then the resident set size 2 s later and the heap
 * used after a full GC. The recommended command runs {@value #ROUNDS} rounds, reference
 * and broker alternately, so that both see the same load.
 */
public final class StandaloneBrokerBenchmark {

    /** Rounds of the recommended command. */
    static final int ROUNDS = 3;

    private static final String DEV_TOKEN = QStashBrokerProperties.DEV_TOKEN;

    /** The heap's spaces in {@code GC.heap_info}: G1's one heap, Serial's generations. */
    private static final Pattern HEAP_USED = Pattern
        .compile("(?m)^\\s*\\S.*(?:heap|generation)\\s+total \\d+K, used (\\d+)K");

    private final Path brokerJar;

    private final Path referenceJar;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Creates the benchmark.
     * @param brokerJar the broker's exec jar
     * @param referenceJar the reference application's exec jar
     */
    public StandaloneBrokerBenchmark(Path brokerJar, Path referenceJar) {
        this.brokerJar = brokerJar;
        this.referenceJar = referenceJar;
    }

    /**
     * One start.
     *
     * @param startMillis process start until the first request is answered
     * @param rssMiB resident set size after the start, in MiB
     * @param heapUsedMiB heap used after a full GC, in MiB
     */
    public record Start(long startMillis, double rssMiB, double heapUsedMiB) {
    }

    /**
     * Every start of a run.
     *
     * @param empty the broker, default command, empty database
     * @param pending the broker, default command, with pending messages
     * @param pendingMessages how many were accepted
     * @param reference the reference application, default command
     * @param recommended the broker, recommended command, empty database, one per round
     * @param recommendedPending the broker, recommended command, with the pending
     * messages
     * @param recommendedReference the reference application, recommended command, one per
     * round
     */
    public record Result(Start empty, Start pending, int pendingMessages, Start reference, List<Start> recommended,
            Start recommendedPending, List<Start> recommendedReference) {
    }

    /**
     * Runs the measurement.
     * @param pendingMessages how many pending messages to store before the second start
     * @return the figures
     * @throws Exception on a failure
     */
    public Result run(int pendingMessages) throws Exception {
        Path directory = Files.createTempDirectory("qstash-bench-standalone");
        String database = "jdbc:h2:file:" + directory.resolve("broker").toAbsolutePath();
        List<String> java = List.of(StartRecipe.java());
        Start reference = referenceStart(directory, java, this.referenceJar);
        Start empty;
        int accepted;
        Launched first = brokerStart(directory, java, this.brokerJar, database);
        try {
            empty = first.measure();
            accepted = publishPending(first.port, pendingMessages);
        }
        finally {
            stop(first.process);
        }
        Start pending = brokerStart(directory, java, this.brokerJar, database).measureAndStop();

        StartRecipe brokerRecipe = StartRecipe.prepare(this.brokerJar, directory.resolve("broker-app"),
                List.of("--qstash.embedded.port=0", "--qstash.embedded.database.url=jdbc:h2:file:"
                        + directory.resolve("training").resolve("broker").toAbsolutePath()));
        StartRecipe referenceRecipe = StartRecipe.prepare(this.referenceJar, directory.resolve("reference-app"),
                List.of("--server.port=0"));
        List<Start> recommendedReference = new ArrayList<>();
        List<Start> recommended = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            recommendedReference.add(referenceStart(directory, referenceRecipe.command(), referenceRecipe.jar()));
            String fresh = "jdbc:h2:file:" + directory.resolve("empty-" + round).resolve("broker").toAbsolutePath();
            recommended.add(brokerStart(directory, brokerRecipe.command(), brokerRecipe.jar(), fresh).measureAndStop());
        }
        Start recommendedPending = brokerStart(directory, brokerRecipe.command(), brokerRecipe.jar(), database)
            .measureAndStop();
        return new Result(empty, pending, accepted, reference, recommended, recommendedPending, recommendedReference);
    }

    private Launched brokerStart(Path directory, List<String> command, Path jar, String database) throws IOException {
        int port = freePort();
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("-jar", jar.toString(), "--qstash.embedded.port=" + port,
                "--qstash.embedded.address=127.0.0.1", "--qstash.embedded.database.url=" + database));
        return launch(directory, args, port, "/v2/keys", DEV_TOKEN);
    }

    private Start referenceStart(Path directory, List<String> command, Path jar) throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        return launch(directory, args, port, "/ping", null).measureAndStop();
    }

    private Launched launch(Path directory, List<String> command, int port, String path, @Nullable String token)
            throws IOException {
        long startedAt = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("processes.log").toFile()))
            .start();
        return new Launched(process, port, startedAt, path, token);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private int publishPending(int port, int count) throws Exception {
        int accepted = 0;
        String body = "x".repeat(1000);
        URI batch = URI.create("http://127.0.0.1:" + port + "/v2/batch");
        for (int done = 0; done < count; done += 100) {
            List<String> items = new ArrayList<>();
            for (int i = done; i < Math.min(count, done + 100); i++) {
                items.add("{\"destination\":\"http://127.0.0.1:9/pending/" + i
                        + "\",\"headers\":{\"Upstash-Delay\":\"1d\"},\"body\":\"" + body + "\"}");
            }
            HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(batch)
                .header("Authorization", "Bearer " + DEV_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", items) + "]"))
                .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("batch answered " + response.statusCode() + ": " + response.body());
            }
            accepted += countOccurrences(response.body(), "\"messageId\"");
        }
        return accepted;
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double heapUsedMiB(String heapInfo) {
        Matcher matcher = HEAP_USED.matcher(heapInfo);
        long usedKiB = 0;
        boolean found = false;
        while (matcher.find()) {
            usedKiB += Long.parseLong(matcher.group(1));
            found = true;
        }
        return found ? usedKiB / 1024.0 : Double.NaN;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    /** A started process and what its start is measured by. */
    private final class Launched {

        private final Process process;

        private final int port;

        private final long startedAt;

        private final String path;

        private final @Nullable String token;

        Launched(Process process, int port, long startedAt, String path, @Nullable String token) {
            this.process = process;
            this.port = port;
            this.startedAt = startedAt;
            this.path = path;
            this.token = token;
        }

        Start measureAndStop() throws Exception {
            try {
                return measure();
            }
            finally {
                stop(this.process);
            }
        }

        /**
         * Waits for the first answer of the request, then reads the memory.
         */
        Start measure() throws Exception {
            long deadline = this.startedAt + TimeUnit.SECONDS.toNanos(120);
            long ready = 0;
            HttpRequest.Builder request = HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + this.port + this.path));
            if (this.token != null) {
                request.header("Authorization", "Bearer " + this.token);
            }
            while (ready == 0 && System.nanoTime() - deadline < 0) {
                if (!this.process.isAlive()) {
                    throw new IllegalStateException(
                            "the process exited with " + this.process.exitValue() + ": " + this.process.info());
                }
                try {
                    HttpResponse<String> response = StandaloneBrokerBenchmark.this.http.send(request.build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        ready = System.nanoTime();
                    }
                }
                catch (IOException ex) {
                    Thread.sleep(20);
                }
            }
            if (ready == 0) {
                throw new IllegalStateException("no answer within 120 s: " + this.process.info());
            }
            long startMillis = TimeUnit.NANOSECONDS.toMillis(ready - this.startedAt);
            Thread.sleep(2000);
            double rss = rssMiB(this.process.pid());
            jcmd(this.process.pid(), "GC.run");
            double heap = heapUsedMiB(jcmd(this.process.pid(), "GC.heap_info"));
            return new Start(startMillis, rss, heap);
        }

    }

}
