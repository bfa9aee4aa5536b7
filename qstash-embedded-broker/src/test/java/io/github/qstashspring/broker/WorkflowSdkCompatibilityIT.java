package io.github.qstashspring.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.support.NodeScript;
import io.github.qstashspring.broker.support.StandaloneBrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official {@code @upstash/workflow} SDK (version pinned in
 * {@code src/test/workflow-sdk/package.json}, installed by {@code .ci/run}) runs its
 * workflows on the standalone broker: a Node server serves them with the SDK's
 * {@code serveMany}, verifying every delivery with the broker's development signing keys,
 * and the SDK's {@code Client} triggers, notifies, cancels and reads the logs. Steps,
 * sleeps, calls, waits, parallel steps, invoke, webhooks, failure functions and cancel
 * must behave as on Upstash, each step body running once, and no call the SDK makes to
 * the broker may fail.
 */
class WorkflowSdkCompatibilityIT {

    private static final int BROKER_LOG_LINES = 400;

    @Test
    void officialWorkflowSdkRunsItsWorkflowsOnTheBroker(@TempDir Path directory) throws Exception {
        Path sdk = Path.of(System.getProperty("qstash.broker.sdk-dir", "src/test/sdk")).resolveSibling("workflow-sdk");
        assumeTrue(Files.isDirectory(sdk.resolve("node_modules/@upstash/workflow")),
                "The workflow SDK is not installed: run 'npm ci --prefix " + sdk + "' (done by .ci/run)");
        Path log = directory.resolve("broker.log");
        try (StandaloneBrokerProcess broker = StandaloneBrokerProcess.startOnDevPort(StandaloneBrokerProcess.freePort(),
                log, "--qstash.embedded.database.url=jdbc:h2:file:" + directory.resolve("db"))) {
            NodeScript.Result result = NodeScript.run(sdk, "workflow-sdk-compatibility.mjs",
                    Map.of("QSTASH_URL", "http://127.0.0.1:" + broker.port(), "QSTASH_TOKEN",
                            QStashBrokerProperties.DEV_TOKEN, "QSTASH_CURRENT_SIGNING_KEY",
                            QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY, "QSTASH_NEXT_SIGNING_KEY",
                            QStashBrokerProperties.DEV_NEXT_SIGNING_KEY, "QSTASH_DEV", "false"),
                    Duration.ofSeconds(150));
            System.out.println(result.output());
            if (!result.succeeded()) {
                System.out.println("The broker's log (last " + BROKER_LOG_LINES + " lines):");
                List<String> lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - BROKER_LOG_LINES), lines.size()).forEach(System.out::println);
            }
            assertThat(result.succeeded()).as(result.output()).isTrue();
            assertThat(result.output()).contains("all workflow SDK compatibility checks passed");
        }
    }

}
