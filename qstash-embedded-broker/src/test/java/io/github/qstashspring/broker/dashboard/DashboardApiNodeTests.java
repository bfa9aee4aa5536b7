package io.github.qstashspring.broker.dashboard;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;

import io.github.qstashspring.broker.support.BrokerClient;
import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.NodeScript;
import io.github.qstashspring.broker.support.WorkflowWire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard's API module, exactly as the broker serves it, driven by Node against the
 * real broker ({@code src/test/js/dashboard-api.test.mjs}): publish, logs and their
 * paging, looking up and cancelling a message, the DLQ, schedules, URL groups, queues and
 * flow-control keys, and the calls of the overview, the message view and the editors
 * (stats, a message's life, creating and changing queues, URL groups and schedules), and
 * the workflow runs' (listing, filtering and paging runs, cancelling one, sending it an
 * event). Skipped when {@code node} is not on the PATH.
 */
class DashboardApiNodeTests extends BrokerTestSupport {

    private static final Path SCRIPT = Path.of("src/test/js/dashboard-api.test.mjs");

    @Test
    void apiModuleWorksAgainstTheBroker(@TempDir Path directory) throws Exception {
        assumeTrue(NodeScript.isInstalled(), "node is not on the PATH: the dashboard's JavaScript is not tested");
        BrokerClient.Response module = new BrokerClient(this.broker.getUrl(), null).get("/dashboard/dashboard-api.js");
        assertThat(module.status()).isEqualTo(200);
        Files.writeString(directory.resolve("dashboard-api.js"), module.body(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("package.json"), "{\"type\":\"module\"}\n", StandardCharsets.UTF_8);
        Files.copy(SCRIPT, directory.resolve(SCRIPT.getFileName()));
        this.receiver.reply("/fail", 500, Map.of());
        this.receiver.reply("/workflow", 200, WorkflowWire.SDK_ANSWER);

        NodeScript.Result result = NodeScript.run(
                directory, SCRIPT.getFileName().toString(), Map.of("BROKER_URL", this.broker.getUrl(), "BROKER_TOKEN",
                        this.broker.getToken(), "RECEIVER_URL", this.receiver.url("").replaceAll("/$", "")),
                Duration.ofSeconds(60));
        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(result.output()).contains("all dashboard API checks passed");
    }

}
