package io.github.qstashspring.workflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.qstashspring.signature.QStashSigner;
import io.github.qstashspring.testsupport.QStashWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * What the workflow endpoint tests share: the test application on a real server, a
 * WireMock QStash that records what the endpoint publishes, and deliveries signed as
 * QStash signs them, carrying the headers and histories the protocol defines.
 */
@SpringBootTest(classes = WorkflowTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "qstash.current-signing-key=" + WorkflowTestApplication.CURRENT_KEY,
                "qstash.next-signing-key=" + WorkflowTestApplication.NEXT_KEY,
                "qstash.token=" + WorkflowTestApplication.TOKEN, "test.label=from-placeholder" })
@AutoConfigureMockMvc
abstract class WorkflowEndpointTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String FEATURES = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig";

    static final WireMockServer QSTASH = QStashWireMock.server();

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final QStashSigner SIGNER = new QStashSigner(WorkflowTestApplication.CURRENT_KEY);

    static {
        QSTASH.start();
    }

    @LocalServerPort
    int port;

    @Autowired
    Journal journal;

    @DynamicPropertySource
    static void qstashUrl(DynamicPropertyRegistry registry) {
        registry.add("qstash.url", QSTASH::baseUrl);
    }

    @BeforeEach
    void resetQStash() {
        QSTASH.resetAll();
        QSTASH.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{}")));
        QSTASH.stubFor(post(urlEqualTo("/v2/batch")).willReturn(okJson("[{\"messageId\":\"msg_batch\"}]")));
        QSTASH.stubFor(post(urlPathMatching("/v2/publish/.*")).willReturn(okJson("{\"messageId\":\"msg_publish\"}")));
        QSTASH.stubFor(post(urlPathMatching("/v2/notify/.*")).willReturn(okJson(
                "[{\"waiter\":{\"url\":\"https://x\",\"deadline\":1},\"messageId\":\"msg_n\",\"error\":\"\"}]")));
        QSTASH.stubFor(delete(urlPathMatching("/v2/workflows/runs/.*")).willReturn(aResponse().withStatus(200)));
        QSTASH.stubFor(get(urlPathMatching("/v2/workflows/runs/.*"))
            .willReturn(aResponse().withStatus(404).withBody("{\"error\":\"workflow run not found\"}")));
        this.journal.clear();
    }

    String url(String path) {
        return "http://localhost:" + this.port + path;
    }

    /** A POST to the workflow, signed with QStash's current key. */
    Reply deliver(String path, String body, Map<String, String> headers) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
            .version(HttpClient.Version.HTTP_1_1)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .header("Upstash-Signature", SIGNER.sign(url(path), bytes));
        headers.forEach(request::header);
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpHeaders responseHeaders = new HttpHeaders();
        response.headers().map().forEach(responseHeaders::addAll);
        return new Reply(response.statusCode(), responseHeaders, new String(response.body(), StandardCharsets.UTF_8));
    }

    /** A step delivery: protocol version, run id, message id and the history as body. */
    Reply step(String path, String runId, String history) throws Exception {
        return deliver(path, history, stepHeaders(runId));
    }

    static Map<String, String> stepHeaders(String runId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upstash-Workflow-Sdk-Version", "1");
        headers.put("Upstash-Workflow-RunId", runId);
        headers.put("Upstash-Message-Id", "msg_delivery");
        headers.put("Upstash-Workflow-CreatedAt", "1700000000000");
        return headers;
    }

    /**
     * A history as QStash delivers it: entry 0 the initial payload, then each step JSON,
     * base64 encoded, call type {@code step}.
     */
    static String history(String payload, String... steps) {
        ArrayNode entries = JSON.createArrayNode();
        entries.add(entry("msg_0", payload, "step"));
        for (int i = 0; i < steps.length; i++) {
            entries.add(entry("msg_" + (i + 1), steps[i], "step"));
        }
        return JSON.writeValueAsString(entries);
    }

    static ObjectNode entry(String messageId, String body, String callType) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("messageId", messageId);
        entry.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        entry.put("callType", callType);
        return entry;
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<LoggedRequest> qstashRequests() {
        return QSTASH.findAll(anyRequestedFor(anyUrl()));
    }

    static LoggedRequest onlyQStashRequest() {
        List<LoggedRequest> requests = qstashRequests();
        if (requests.size() != 1) {
            throw new AssertionError("Expected one request to QStash, got " + describe(requests));
        }
        return requests.get(0);
    }

    static String describe(List<LoggedRequest> requests) {
        List<String> lines = new ArrayList<>();
        requests.forEach((request) -> lines.add(request.getMethod() + " " + request.getUrl()));
        return lines.toString();
    }

    /** The messages of a {@code POST /v2/batch}. */
    static JsonNode batch(LoggedRequest request) {
        if (!request.getUrl().equals("/v2/batch")) {
            throw new AssertionError("Expected POST /v2/batch, got " + request.getMethod() + " " + request.getUrl());
        }
        return JSON.readTree(request.getBodyAsString());
    }

    /** A batch message's headers, names in lower case. */
    static Map<String, String> headers(JsonNode message) {
        Map<String, String> headers = new LinkedHashMap<>();
        message.get("headers")
            .properties()
            .forEach((entry) -> headers.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().asString()));
        return headers;
    }

    /** The headers of a step message to {@code workflowUrl} (§4.0 of the protocol). */
    static Map<String, String> stepMessageHeaders(String runId, String workflowUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("upstash-method", "POST");
        headers.put("upstash-workflow-init", "false");
        headers.put("upstash-workflow-runid", runId);
        headers.put("upstash-workflow-url", workflowUrl);
        headers.put("upstash-feature-set", FEATURES);
        headers.put("upstash-workflow-sdk-version", "1");
        headers.put("upstash-forward-upstash-workflow-sdk-version", "1");
        return headers;
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** What the endpoint answered. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(this.body);
        }

    }

}
