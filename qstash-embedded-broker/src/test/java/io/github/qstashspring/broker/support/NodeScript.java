package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js script of a test, for the tests that drive the broker with JavaScript
 * (the official SDK, the dashboard's API module).
 */
public final class NodeScript {

    private NodeScript() {
    }

    /**
     * @return whether {@code node} is on the PATH
     */
    public static boolean isInstalled() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs a script and waits for it.
     * @param directory the working directory, which holds the script
     * @param script the script's file name
     * @param environment variables added to the environment ({@code NODE_OPTIONS} and
     * {@code NODE_ENV} are removed)
     * @param timeout the longest it may run; it is killed after that
     * @return what it printed and how it ended
     * @throws IOException when it cannot be started
     * @throws InterruptedException when the test is interrupted
     */
    public static Result run(Path directory, String script, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("qstash-node-", ".log");
        try {
            ProcessBuilder node = new ProcessBuilder("node", script).directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
            node.environment().remove("NODE_OPTIONS");
            node.environment().remove("NODE_ENV");
            node.environment().putAll(environment);
            Process process = node.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            return new Result(Files.readString(output), finished, finished ? process.exitValue() : -1);
        }
        finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * How a script ended.
     *
     * @param output what it printed (standard output and error)
     * @param finished whether it ended within its time
     * @param exitValue its exit value ({@code -1} when it did not end)
     */
    public record Result(String output, boolean finished, int exitValue) {

        /**
         * @return whether it ended in time with exit value 0
         */
        public boolean succeeded() {
            return this.finished && this.exitValue == 0;
        }

    }

}
