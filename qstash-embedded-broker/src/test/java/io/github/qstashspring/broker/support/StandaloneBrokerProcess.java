package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.qstashspring.broker.QStashBrokerProperties;

import static org.awaitility.Awaitility.await;

/**
 * The standalone broker ({@code java -jar ...-exec.jar}) as a child process, for tests
 * that need a real process: killed with {@code kill -9}, driven by the Node SDK.
 */
public final class StandaloneBrokerProcess implements AutoCloseable {

    private final Process process;

    private final int port;

    private StandaloneBrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the exec jar built by {@code package} and waits until its API answers.
     * @param port the port
     * @param log where the process output goes
     * @param arguments extra command line arguments
     * @return the running process
     */
    public static StandaloneBrokerProcess start(int port, Path log, String... arguments) {
        return start(port, false, log, arguments);
    }

    /**
     * Starts the exec jar with its port given as {@code QSTASH_DEV_PORT}, as
     * {@code qstash dev} users do.
     * @param port the port
     * @param log where the process output goes
     * @param arguments extra command line arguments
     * @return the running process
     */
    public static StandaloneBrokerProcess startOnDevPort(int port, Path log, String... arguments) {
        return start(port, true, log, arguments);
    }

    private static StandaloneBrokerProcess start(int port, boolean devPort, Path log, String... arguments) {
        try {
            Process process = processBuilder(port, devPort, log, arguments).start();
            StandaloneBrokerProcess broker = new StandaloneBrokerProcess(process, port);
            BrokerClient client = broker.client();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The broker exited: " + Files.readString(log));
                }
                try {
                    // Any answer: the broker's context is ready before its port opens
                    // (the token may be one of the test's own).
                    return client.get("/v2/keys").status() > 0;
                }
                catch (IllegalStateException ex) {
                    return false;
                }
            });
            return broker;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Runs the exec jar until it exits (a start that must fail).
     * @param port the port
     * @param log where the process output goes
     * @param arguments extra command line arguments
     * @return the exit code
     */
    public static int runUntilExit(int port, Path log, String... arguments) {
        try {
            Process process = processBuilder(port, false, log, arguments).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The broker did not exit: " + Files.readString(log));
            }
            return process.exitValue();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The broker's command with its defaults (nothing but the port and the arguments).
     */
    private static ProcessBuilder processBuilder(int port, boolean devPort, Path log, String... arguments) {
        String jar = System.getProperty("qstash.broker.exec-jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("The exec jar (system property qstash.broker.exec-jar) is missing: " + jar
                    + "; run the integration tests with 'mvn verify'");
        }
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        if (!devPort) {
            command.add("--qstash.embedded.port=" + port);
        }
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("QSTASH_DEV_PORT");
        if (devPort) {
            builder.environment().put("QSTASH_DEV_PORT", String.valueOf(port));
        }
        return builder;
    }

    /**
     * @return a free local port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The errors the brokers logged, for the description of a failed assertion.
     * @param logs the brokers' output
     * @return at most 40 lines of each: the ERROR lines and their causes
     */
    public static String errors(Path... logs) {
        StringBuilder errors = new StringBuilder();
        for (Path log : logs) {
            try {
                Files.readAllLines(log, StandardCharsets.UTF_8)
                    .stream()
                    .filter((line) -> line.contains(" ERROR ") || line.startsWith("Caused by: "))
                    .limit(40)
                    .forEach((line) -> errors.append(line).append('\n'));
            }
            catch (IOException ex) {
                errors.append(log).append(": ").append(ex.getMessage()).append('\n');
            }
        }
        return errors.toString();
    }

    /**
     * @return the port
     */
    public int port() {
        return this.port;
    }

    /**
     * @return an API client with the dev token
     */
    public BrokerClient client() {
        return new BrokerClient("http://127.0.0.1:" + this.port, QStashBrokerProperties.DEV_TOKEN);
    }

    /** Kills the process with SIGKILL ({@code kill -9}) and waits until it is gone. */
    public void killHard() {
        this.process.destroyForcibly();
        try {
            this.process.waitFor();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        killHard();
    }

}
