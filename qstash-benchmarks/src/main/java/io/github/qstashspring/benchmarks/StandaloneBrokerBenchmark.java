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

/**
 * Starts the standalone broker ({@code java -jar qstash-embedded-broker-<v>-exec.jar},
 * default JVM options) on an H2 file: empty, then again with pending messages (published
 * with {@code Upstash-Delay: 1d} through {@code /v2/batch}); measures the time from
 * process start until {@code GET /v2/keys} answers, the resident set size and the heap
 * used after a full GC.
 */
public final class StandaloneBrokerBenchmark {

    private static final String DEV_TOKEN = QStashBrokerProperties.DEV_TOKEN;

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Path brokerJar;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Creates the benchmark.
     * @param brokerJar the broker's exec jar
     */
    public StandaloneBrokerBenchmark(Path brokerJar) {
        this.brokerJar = brokerJar;
    }

    /**
     * One start.
     *
     * @param startMillis process start until the API answers
     * @param rssMiB resident set size after the start, in MiB
     * @param heapUsedMiB heap used after a full GC, in MiB
     */
    public record Start(long startMillis, double rssMiB, double heapUsedMiB) {
    }

    /**
     * Both starts.
     *
     * @param empty the start on an empty database
     * @param pending the start with pending messages
     * @param pendingMessages how many were accepted
     */
    public record Result(Start empty, Start pending, int pendingMessages) {
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
        Start empty;
        int accepted;
        Process first = start(directory, database);
        try {
            empty = measure(first, port(first));
            accepted = publishPending(port(first), pendingMessages);
        }
        finally {
            stop(first);
        }
        Process second = start(directory, database);
        try {
            Start pending = measure(second, port(second));
            return new Result(empty, pending, accepted);
        }
        finally {
            stop(second);
        }
    }

    private final java.util.Map<Process, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.Map<Process, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

    private int port(Process process) {
        return this.ports.get(process);
    }

    private Process start(Path directory, String database) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long startedAt = System.nanoTime();
        Process process = new ProcessBuilder(java, "-jar", this.brokerJar.toString(), "--qstash.embedded.port=" + port,
                "--qstash.embedded.address=127.0.0.1", "--qstash.embedded.database.url=" + database)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("broker.log").toFile()))
            .start();
        this.ports.put(process, port);
        this.started.put(process, startedAt);
        return process;
    }

    private Start measure(Process process, int port) throws Exception {
        long startedAt = this.started.get(process);
        long deadline = startedAt + TimeUnit.SECONDS.toNanos(120);
        long ready = 0;
        while (ready == 0 && System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the standalone broker exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> response = this.http
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/keys"))
                        .header("Authorization", "Bearer " + DEV_TOKEN)
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    ready = System.nanoTime();
                }
            }
            catch (IOException ex) {
                Thread.sleep(20);
            }
        }
        if (ready == 0) {
            throw new IllegalStateException("the standalone broker did not answer within 120 s");
        }
        long startMillis = TimeUnit.NANOSECONDS.toMillis(ready - startedAt);
        Thread.sleep(2000);
        double rss = rssMiB(process.pid());
        jcmd(process.pid(), "GC.run");
        double heap = heapUsedMiB(jcmd(process.pid(), "GC.heap_info"));
        return new Start(startMillis, rss, heap);
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
        return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024.0 : Double.NaN;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

}
