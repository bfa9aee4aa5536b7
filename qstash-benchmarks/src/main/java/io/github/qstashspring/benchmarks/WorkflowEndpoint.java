package io.github.qstashspring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.signature.QStashSignatureException;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The endpoint of the {@code workflow} section, on a minimal server (the JDK's
 * {@code HttpServer}): it verifies every delivery's signature, then plays the workflow
 * SDK's side of the wire the way {@code @upstash/workflow} 1.3.3 does for runs of
 * {@code Run} steps ({@value #WORKFLOW_PATH}), or the same loop with plain messages
 * ({@value #CHAIN_PATH}), the reference.
 * <p>
 * A run: the trigger is a {@code POST /v2/batch} entry with
 * {@code upstash-workflow-init: true}. On each delivery the endpoint reads the history (a
 * JSON array of {@code {messageId, body (base64), callType}}, the trigger's first),
 * checks that its last entry is the step it expects, publishes the next step's result
 * with {@code POST /v2/batch} ({@code upstash-workflow-init: false}), and answers
 * {@code 200} with {@code Upstash-Workflow-Sdk-Version: 1}; after the last step it ends
 * the run with {@code DELETE /v2/workflows/runs/<id>?cancel=false}. A chain of plain
 * messages: each delivery (a JSON body naming the chain and the message's number) makes
 * the endpoint publish the next one with {@code POST /v2/publish/<url>}.
 */
final class WorkflowEndpoint implements AutoCloseable {

    static final String WORKFLOW_PATH = "/wf";

    static final String CHAIN_PATH = "/chain";

    private static final String FEATURES = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConcurrentHashMap<String, StepChain> chains = new ConcurrentHashMap<>();

    private final QStashSignatureVerifier verifier;

    private final String brokerUrl;

    private final String authorization;

    private final CloseableHttpClient client;

    private final LoopbackHttp.StubServer server;

    private WorkflowEndpoint(EmbeddedQStashBroker broker, int concurrency) throws IOException {
        this.verifier = QStashSignatureVerifier.builder()
            .currentSigningKey(broker.getCurrentSigningKey())
            .nextSigningKey(broker.getNextSigningKey())
            .build();
        this.brokerUrl = broker.getUrl();
        this.authorization = "Bearer " + broker.getToken();
        // The slots' starts and the deliveries' publishes share the client.
        this.client = LoopbackHttp.client(concurrency * 2);
        this.server = LoopbackHttp.serve(this::handle, concurrency * 2);
    }

    /**
     * Starts the endpoint for a broker.
     * @param broker the broker it publishes to and receives from
     * @param concurrency the chains at a time it must serve
     * @return the running endpoint
     * @throws IOException when the port cannot be bound
     */
    static WorkflowEndpoint start(EmbeddedQStashBroker broker, int concurrency) throws IOException {
        return new WorkflowEndpoint(broker, concurrency);
    }

    /**
     * Starts a chain: publishes the trigger of a run, or the first plain message.
     * @param id the run id or the chain's name, unique for this endpoint
     * @param phase the phase it belongs to
     * @return the chain, whose {@link StepChain#done()} completes when it ended
     * @throws IOException when the broker refused the publish
     */
    StepChain start(String id, ChainPhase phase) throws IOException {
        StepChain chain = new StepChain(id, phase);
        this.chains.put(id, chain);
        phase.chainStarted();
        publish(chain, 0);
        return chain;
    }

    private String url(boolean workflow) {
        return this.server.baseUrl() + (workflow ? WORKFLOW_PATH : CHAIN_PATH);
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean workflow = exchange.getRequestURI().getPath().equals(WORKFLOW_PATH);
        int status;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            long arrived = System.nanoTime();
            status = delivered(exchange, workflow, body, arrived);
        }
        catch (Exception ex) {
            System.err.println("workflow benchmark endpoint: " + ex);
            status = 500;
        }
        if (workflow) {
            exchange.getResponseHeaders().set("Upstash-Workflow-Sdk-Version", "1");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private int delivered(HttpExchange exchange, boolean workflow, byte[] body, long arrived) throws IOException {
        String signature = exchange.getRequestHeaders().getFirst(QStashSignatureVerifier.SIGNATURE_HEADER);
        JsonNode json = JSON.readTree(body);
        String id = workflow ? exchange.getRequestHeaders().getFirst("Upstash-Workflow-RunId")
                : json.get("chain").asString();
        StepChain chain = (id != null) ? this.chains.get(id) : null;
        if (chain == null) {
            throw new IllegalStateException("a delivery of no known chain: " + id);
        }
        ChainPhase phase = chain.phase();
        try {
            this.verifier.verify(signature, body, url(workflow));
        }
        catch (QStashSignatureException ex) {
            phase.failed("signature rejected: " + ex.getMessage());
            return 401;
        }
        int k = workflow ? stepOfHistory(id, json, phase) : json.get("stepId").asInt();
        phase.delivered(k, chain.delivered(k, arrived), body.length);
        int next = k + 1;
        if (chain.claim(next)) {
            try {
                if (k < chain.steps()) {
                    publish(chain, next);
                }
                else {
                    end(chain);
                }
            }
            catch (IOException | RuntimeException ex) {
                chain.release(next);
                phase.failed(ex.toString());
                return 500;
            }
        }
        return 200;
    }

    /**
     * Reads which step a run's delivery is for: the history holds the trigger and the
     * results of steps 1 to k, the last entry being step k's.
     */
    private static int stepOfHistory(String runId, JsonNode history, ChainPhase phase) {
        int k = history.size() - 1;
        if (k > 0) {
            byte[] last = Base64.getDecoder().decode(history.get(k).get("body").asString());
            int stepId = JSON.readTree(last).get("stepId").asInt();
            if (stepId != k) {
                phase.failed("run " + runId + ": history entry " + k + " is step " + stepId);
            }
        }
        return k;
    }

    private void publish(StepChain chain, int k) throws IOException {
        boolean workflow = chain.phase().workflow();
        HttpPost post;
        if (workflow) {
            String entry = (k == 0) ? entry(chain.id(), true, "{\"run\":\"" + chain.id() + "\"}")
                    : entry(chain.id(), false, stepResult(k, null));
            post = new HttpPost(this.brokerUrl + "/v2/batch");
            post.setEntity(new ByteArrayEntity(("[" + entry + "]").getBytes(StandardCharsets.UTF_8),
                    ContentType.APPLICATION_JSON));
        }
        else {
            post = new HttpPost(this.brokerUrl + "/v2/publish/" + url(false));
            post.setEntity(new ByteArrayEntity(stepResult(k, chain.id()).getBytes(StandardCharsets.UTF_8),
                    ContentType.APPLICATION_JSON));
        }
        long start = System.nanoTime();
        chain.publishing(k, start);
        call(post);
        chain.phase().published(k, System.nanoTime() - start);
    }

    private void end(StepChain chain) throws IOException {
        if (chain.phase().workflow()) {
            HttpDelete delete = new HttpDelete(this.brokerUrl + "/v2/workflows/runs/" + chain.id() + "?cancel=false");
            delete.setEntity(new ByteArrayEntity("\"done\"".getBytes(StandardCharsets.UTF_8), ContentType.TEXT_PLAIN));
            call(delete);
        }
        chain.phase().chainCompleted();
        chain.complete();
    }

    private void call(HttpUriRequestBase request) throws IOException {
        request.setHeader("Authorization", this.authorization);
        this.client.execute(request, (response) -> {
            String answer = EntityUtils.toString(response.getEntity());
            if (response.getCode() / 100 != 2) {
                throw new IOException(request.getMethod() + " " + request.getRequestUri() + " answered "
                        + response.getCode() + ": " + answer);
            }
            return answer;
        });
    }

    /**
     * The body of step {@code k}'s result, as the SDK writes a {@code Run} step's (with
     * the chain's name for a plain message, which has no history).
     */
    private static String stepResult(int k, @Nullable String chain) {
        Map<String, Object> step = new LinkedHashMap<>();
        if (chain != null) {
            step.put("chain", chain);
        }
        step.put("stepId", k);
        step.put("stepName", "s" + k);
        step.put("stepType", "Run");
        step.put("out", "\"v\"");
        step.put("concurrent", 1);
        return JSON.writeValueAsString(step);
    }

    /** A batch entry of a run: its trigger or a step's result. */
    private String entry(String runId, boolean init, String body) {
        String url = url(true);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("upstash-method", "POST");
        headers.put("upstash-workflow-init", String.valueOf(init));
        headers.put("upstash-workflow-runid", runId);
        headers.put("upstash-workflow-url", url);
        headers.put("upstash-workflow-sdk-version", "1");
        headers.put("upstash-forward-upstash-workflow-sdk-version", "1");
        headers.put("upstash-feature-set", FEATURES);
        headers.put("content-type", "application/json");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("destination", url);
        entry.put("body", body);
        entry.put("headers", headers);
        return JSON.writeValueAsString(entry);
    }

    @Override
    public void close() throws IOException {
        this.server.close();
        this.client.close();
    }

}
