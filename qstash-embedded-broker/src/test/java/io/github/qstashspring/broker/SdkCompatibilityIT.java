package io.github.qstashspring.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.qstashspring.broker.support.NodeScript;
import io.github.qstashspring.broker.support.StandaloneBrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official {@code @upstash/qstash} SDK (version pinned in
 * {@code src/test/sdk/package.json}, installed by {@code .ci/run}) drives the standalone
 * broker in the SDK's dev mode (both started with the same {@code QSTASH_DEV_PORT}):
 * publish, publishJSON, batch, messages, DLQ, logs, keys, and its {@code Receiver}
 * verifying deliveries.
 */
class SdkCompatibilityIT {

    @Test
    void officialJavaScriptSdkCannotTellTheBrokerFromQStash(@TempDir Path directory) throws Exception {
        Path sdk = Path.of(System.getProperty("qstash.broker.sdk-dir", "src/test/sdk"));
        assumeTrue(Files.isDirectory(sdk.resolve("node_modules/@upstash/qstash")),
                "The SDK is not installed: run 'npm ci --prefix " + sdk + "' (done by .ci/run)");
        int port = StandaloneBrokerProcess.freePort();
        try (StandaloneBrokerProcess broker = StandaloneBrokerProcess.startOnDevPort(port,
                directory.resolve("broker.log"),
                "--qstash.embedded.database.url=jdbc:h2:file:" + directory.resolve("db"))) {
            NodeScript.Result result = NodeScript.run(sdk, "sdk-compatibility.mjs",
                    Map.of("QSTASH_DEV", "true", "QSTASH_DEV_PORT", String.valueOf(broker.port())),
                    Duration.ofSeconds(180));
            System.out.println(result.output());
            assertThat(result.succeeded()).as(result.output()).isTrue();
            assertThat(result.output()).contains("all SDK compatibility checks passed");
        }
    }

}
