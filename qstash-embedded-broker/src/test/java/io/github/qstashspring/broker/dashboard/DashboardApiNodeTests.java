package io.github.qstashspring.broker.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard's API module, exactly as the broker serves it, driven by Node against the
 * real broker ({@code src/test/js/dashboard-api.test.mjs}): publish, logs and their
 * paging, looking up and cancelling a message, the DLQ, schedules, URL groups, queues and
 * flow-control keys. Skipped when {@code node} is not on the PATH.
 */
class DashboardApiNodeTests extends BrokerTestSupport {

    private static final Path SCRIPT = Path.of("src/test/js/dashboard-api.test.mjs");

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

    @Test
    void apiModuleWorksAgainstTheBroker(@TempDir Path directory) throws Exception {
        assumeTrue(nodeIsInstalled(), "node is not on the PATH: the dashboard's JavaScript is not tested");
        BrokerClient.Response module = new BrokerClient(this.broker.getUrl(), null).get("/dashboard/dashboard-api.js");
        assertThat(module.status()).isEqualTo(200);
        Files.writeString(directory.resolve("dashboard-api.js"), module.body(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("package.json"), "{\"type\":\"module\"}\n", StandardCharsets.UTF_8);
        Files.copy(SCRIPT, directory.resolve(SCRIPT.getFileName()));
        this.receiver.reply("/fail", 500, Map.of());

        Path output = directory.resolve("node.log");
        ProcessBuilder node = new ProcessBuilder("node", SCRIPT.getFileName().toString()).directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
        node.environment().put("BROKER_URL", this.broker.getUrl());
        node.environment().put("BROKER_TOKEN", this.broker.getToken());
        node.environment().put("RECEIVER_URL", this.receiver.url("").replaceAll("/$", ""));
        node.environment().remove("NODE_OPTIONS");
        Process process = node.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        assertThat(finished).as(text).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).contains("all dashboard API checks passed");
    }

    private static boolean nodeIsInstalled() {
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

}
