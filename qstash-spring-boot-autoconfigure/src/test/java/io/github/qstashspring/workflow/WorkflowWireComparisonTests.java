package io.github.qstashspring.workflow;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import io.github.qstashspring.signature.QStashSigner;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java endpoint and the official TypeScript SDK {@code @upstash/workflow} 1.3.3
 * (served by {@code src/test/workflow-sdk/reference-workflows.mjs}, the same workflows
 * step for step) get the same deliveries, signed alike, with the same QStash behind them;
 * what each publishes to QStash (method, path and query, headers, body) and answers
 * (status, protocol headers, body) must be the same. Normalised: header-name case,
 * telemetry and transport headers, random run and event ids, {@code host}, error stacks,
 * and JSON inside strings compared as JSON. Needs node and {@code npm ci --prefix
 * qstash-spring-boot-autoconfigure/src/test/workflow-sdk} (done by {@code .ci/run});
 * skipped otherwise.
 */
class WorkflowWireComparisonTests extends WorkflowEndpointTestSupport {

    private static final Path SDK = Path.of(System.getProperty("qstash.workflow.sdk-dir", "src/test/workflow-sdk"));

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final QStashSigner SIGNER = new QStashSigner(WorkflowTestApplication.CURRENT_KEY);

    private static final Pattern RUN_ID = Pattern.compile("wfr_[A-Za-z0-9_-]{21}");

    private static final Pattern EVENT_ID = Pattern.compile("evt_[A-Za-z0-9_-]{15}");

    private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-length", "connection", "user-agent",
            "accept", "accept-encoding", "accept-language", "sec-fetch-mode", "transfer-encoding", "date",
            "keep-alive");

    private static Process node;

    private static int nodePort;

    @BeforeEach
    void startTheOfficialSdk() throws Exception {
        assumeTrue(Files.isDirectory(SDK.resolve("node_modules/@upstash/workflow")),
                "The official SDK is not installed: run 'npm ci --prefix " + SDK + "' (done by .ci/run)");
        if (node == null) {
            ProcessBuilder builder = new ProcessBuilder("node", "reference-workflows.mjs").directory(SDK.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("QSTASH_URL", QSTASH.baseUrl());
            builder.environment().put("QSTASH_TOKEN", WorkflowTestApplication.TOKEN);
            builder.environment().put("QSTASH_CURRENT_SIGNING_KEY", WorkflowTestApplication.CURRENT_KEY);
            builder.environment().put("QSTASH_NEXT_SIGNING_KEY", WorkflowTestApplication.NEXT_KEY);
            builder.environment().put("WORKFLOW_BASE_URL", url(""));
            node = builder.start();
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            assertThat(line).as("first line of the SDK server").startsWith("listening ");
            nodePort = Integer.parseInt(line.substring("listening ".length()).trim());
        }
    }

    @AfterAll
    static void stopTheOfficialSdk() throws InterruptedException {
        if (node != null) {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
            node = null;
        }
    }

    static List<WorkflowScenarios.Scenario> scenarios() {
        return WorkflowScenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theJavaEndpointPublishesAndAnswersWhatTheOfficialSdkDoes(WorkflowScenarios.Scenario scenario)
            throws Exception {
        String signature = SIGNER.sign(url(scenario.path()), scenario.body().getBytes(StandardCharsets.UTF_8));
        ObjectNode java = record(scenario, url(scenario.path()), signature);
        ObjectNode typescript = record(scenario, "http://127.0.0.1:" + nodePort + scenario.path(), signature);

        assertThat(java.toPrettyString()).isEqualTo(typescript.toPrettyString());
    }

    private ObjectNode record(WorkflowScenarios.Scenario scenario, String target, String signature) throws Exception {
        resetQStash();
        if (scenario.history() != null) {
            QSTASH.stubFor(
                    get(urlPathMatching("/v2/workflows/runs/.*")).atPriority(1).willReturn(okJson(scenario.history())));
        }
        byte[] body = scenario.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
            .version(HttpClient.Version.HTTP_1_1)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Upstash-Signature", signature);
        scenario.headers().forEach(request::header);
        HttpResponse<String> response = CLIENT.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        ObjectNode recording = JSON.createObjectNode();
        ObjectNode answer = recording.putObject("answer");
        answer.put("status", response.statusCode());
        ObjectNode answerHeaders = answer.putObject("headers");
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("upstash-") || lower.equals("content-type") || lower.equals("retry-after")) {
                answerHeaders.put(lower, String.join(",", values));
            }
        });
        answer.set("body", answerBody(response.body(), scenario.sameErrorType()));
        ArrayNode published = recording.putArray("qstash");
        for (LoggedRequest logged : qstashRequests()) {
            ObjectNode call = published.addObject();
            call.put("request", logged.getMethod().getName() + " " + normalise(logged.getUrl()));
            ObjectNode headers = call.putObject("headers");
            logged.getHeaders().all().forEach((header) -> {
                String lower = header.key().toLowerCase(Locale.ROOT);
                if (!TRANSPORT_HEADERS.contains(lower) && !lower.startsWith("upstash-telemetry-")) {
                    headers.put(lower, normalise(String.join(",", header.values())));
                }
            });
            call.set("body", publishedBody(logged));
        }
        return sorted(recording);
    }

    private static JsonNode answerBody(String text, boolean sameErrorType) {
        JsonNode body = value(text);
        if (body instanceof ObjectNode object) {
            object.remove("stack");
            if (!sameErrorType) {
                object.remove("error");
            }
        }
        return body;
    }

    private static JsonNode publishedBody(LoggedRequest logged) {
        JsonNode body = value(logged.getBodyAsString());
        if (logged.getUrl().equals("/v2/batch") && body.isArray()) {
            for (JsonNode message : body) {
                ObjectNode object = (ObjectNode) message;
                ObjectNode headers = JSON.createObjectNode();
                object.get("headers").properties().forEach((entry) -> {
                    String lower = entry.getKey().toLowerCase(Locale.ROOT);
                    if (!lower.startsWith("upstash-telemetry-") && !lower.endsWith("-host")) {
                        headers.set(lower, entry.getValue());
                    }
                });
                object.set("headers", headers);
                if (!object.has("body")) {
                    object.put("body", "");
                }
            }
        }
        return body;
    }

    /**
     * Parses JSON text (also JSON inside string values); keeps other text as a string.
     */
    private static JsonNode value(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return normaliseTree(JSON.readTree(trimmed));
            }
            catch (RuntimeException ex) {
                // not JSON after all
            }
        }
        return StringNode.valueOf(normalise(text));
    }

    private static JsonNode normaliseTree(JsonNode node) {
        if (node.isString()) {
            return value(node.asString());
        }
        if (node instanceof ObjectNode object) {
            object.propertyNames().forEach((name) -> object.set(name, normaliseTree(object.get(name))));
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normaliseTree(array.get(i)));
            }
        }
        return node;
    }

    private static String normalise(String text) {
        return EVENT_ID.matcher(RUN_ID.matcher(text).replaceAll("wfr_<random>")).replaceAll("evt_<random>");
    }

    /** A copy with object keys in order, so that the comparison ignores key order. */
    private static ObjectNode sorted(ObjectNode node) {
        return (ObjectNode) sortedTree(node);
    }

    private static JsonNode sortedTree(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            new TreeSet<>(object.propertyNames()).forEach((name) -> copy.set(name, sortedTree(object.get(name))));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach((element) -> copy.add(sortedTree(element)));
            return copy;
        }
        return node;
    }

}
