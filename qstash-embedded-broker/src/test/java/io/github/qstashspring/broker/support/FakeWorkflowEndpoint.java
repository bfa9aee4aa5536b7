package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workflow endpoint that speaks just enough of the Upstash Workflow protocol (SDK
 * protocol version 1) to run sequential workflows on a broker: each delivery's signature
 * is verified with the development keys, its body is read as the run's step history
 * ({@code [{messageId, body (base64), callType}]}), and the first step of the run's plan
 * that the history does not hold yet is executed once: a {@code Run} or {@code SleepFor}
 * step is published back with {@code POST /v2/batch}, a {@code waitForEvent} is
 * registered with {@code POST /v2/wait/<eventId>}; when the history holds every step, the
 * run ends with {@code DELETE /v2/workflows/runs/<id>?cancel=false}. It counts what it
 * executes per run and step, so that a test can tell a step run twice (its history was
 * lost or redelivered without it) from a step run once.
 * <p>
 * For crash tests, deliveries can be <em>held</em> (not executed, answered 503 once
 * {@link #release() released}): those of a step marked {@link Step#held()}, and every
 * delivery after {@link #freeze()}. With {@link #settled(BrokerClient)} a test waits
 * until the broker recorded the outcome of every delivery answered, so that a kill then
 * leaves no step executed whose delivery the broker would repeat.
 */
public final class FakeWorkflowEndpoint implements AutoCloseable {

    /** The feature set of the SDK 1.3.3 on every message. */
    public static final String FEATURE_SET = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig";

    private static final String PATH = "/workflow";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QStashSignatureVerifier verifier = QStashSignatureVerifier.builder()
        .currentSigningKey(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY)
        .nextSigningKey(QStashBrokerProperties.DEV_NEXT_SIGNING_KEY)
        .build();

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final HttpServer server;

    private final String url;

    private volatile BrokerClient broker;

    private final Map<String, List<Step>> plans = new ConcurrentHashMap<>();

    /** Per run, per step id: the message ids of the deliveries that executed it. */
    private final Map<String, Map<Integer, List<String>>> executions = new ConcurrentHashMap<>();

    /** Per run, per step id: the message id the broker answered to the step's publish. */
    private final Map<String, Map<Integer, String>> published = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> endings = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> timeoutDeliveries = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> mostTimeoutEntries = new ConcurrentHashMap<>();

    private final DeliveryHolds holds = new DeliveryHolds();

    private final List<String> problems = new CopyOnWriteArrayList<>();

    private FakeWorkflowEndpoint(BrokerClient broker) throws IOException {
        this.broker = broker;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setExecutor(this.threads);
        this.server.createContext(PATH, this::receive);
        this.server.start();
        this.url = "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH;
    }

    /**
     * Starts an endpoint on a free port of 127.0.0.1.
     * @param broker the broker it publishes its steps to
     * @return the endpoint
     * @throws IOException when the server cannot start
     */
    public static FakeWorkflowEndpoint start(BrokerClient broker) throws IOException {
        return new FakeWorkflowEndpoint(broker);
    }

    /**
     * Makes the endpoint publish to another broker (on the same database) from now on.
     * @param broker the broker
     */
    public void useBroker(BrokerClient broker) {
        this.broker = broker;
    }

    /**
     * Triggers a run as the SDK's {@code client.trigger} does: a one-element
     * {@code POST /v2/batch} with {@code Upstash-Workflow-Init: true}.
     * @param steps the run's steps 1..n
     * @return the run id
     */
    public String trigger(List<Step> steps) {
        String runId = "wfr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
        this.plans.put(runId, List.copyOf(steps));
        Map<String, String> headers = stepHeaders(runId);
        headers.put("upstash-workflow-init", "true");
        ObjectNode trigger = JSON.createObjectNode();
        trigger.put("destination", this.url);
        trigger.put("body", payload(runId));
        trigger.set("headers", JSON.valueToTree(headers));
        BrokerClient.Response response = this.broker.post("/v2/batch", Map.of("Content-Type", "application/json"),
                JSON.createArrayNode().add(trigger).toString());
        if (response.status() != 200) {
            throw new IllegalStateException(
                    "The trigger of " + runId + " was answered " + response.status() + ": " + response.body());
        }
        return runId;
    }

    /**
     * @return the workflow URL
     */
    public String url() {
        return this.url;
    }

    /**
     * Holds every delivery from now on (not executed) until {@link #release()}.
     */
    public void freeze() {
        this.holds.freeze();
    }

    /**
     * Answers the held deliveries 503 without executing anything (the broker that sent
     * them is gone) and executes every delivery from now on.
     */
    public void release() {
        this.holds.release();
    }

    /**
     * Whether the broker has recorded the outcome of every delivery this endpoint
     * answered: none is executing, and each answered message is gone from the broker
     * ({@code GET /v2/messages/<id>} 404), so that none of them can be delivered again.
     * @param broker a broker on the database
     * @return whether all are recorded
     */
    public boolean settled(BrokerClient broker) {
        return this.holds.settled(broker);
    }

    /**
     * @param runId a run
     * @return whether a delivery of the run is held
     */
    public boolean isHeld(String runId) {
        return this.holds.isHeld(runId);
    }

    /**
     * @param runId a run
     * @return whether a delivery of the run arrived after {@link #release()}
     */
    public boolean deliveredAfterRelease(String runId) {
        return this.holds.deliveredAfterRelease(runId);
    }

    /**
     * @param runId a run
     * @param stepId a step
     * @return the message ids of the deliveries that executed the step, once each time
     */
    public List<String> executionsOf(String runId, int stepId) {
        return List.copyOf(this.executions.getOrDefault(runId, Map.of()).getOrDefault(stepId, List.of()));
    }

    /**
     * @param runId a run
     * @param stepId a step
     * @return the message id the broker gave the step's publish, or {@code null}
     */
    public @Nullable String publishedMessage(String runId, int stepId) {
        return this.published.getOrDefault(runId, Map.of()).get(stepId);
    }

    /**
     * @param runId a run
     * @return how many times the run was ended with a {@code DELETE} the broker answered
     * 200
     */
    public int endings(String runId) {
        AtomicInteger count = this.endings.get(runId);
        return (count != null) ? count.get() : 0;
    }

    /**
     * @param runId a run
     * @return how many deliveries of the run ended with a wait that timed out
     */
    public int timeoutDeliveries(String runId) {
        AtomicInteger count = this.timeoutDeliveries.get(runId);
        return (count != null) ? count.get() : 0;
    }

    /**
     * @param runId a run
     * @return the most {@code waitTimeout: true} entries one history of the run held
     */
    public int mostTimeoutEntries(String runId) {
        AtomicInteger count = this.mostTimeoutEntries.get(runId);
        return (count != null) ? count.get() : 0;
    }

    /**
     * @return what went wrong: bad signatures, histories that do not fit the run,
     * requests to the broker that failed
     */
    public List<String> problems() {
        return List.copyOf(this.problems);
    }

    @Override
    public void close() {
        release();
        this.server.stop(0);
        this.threads.shutdownNow();
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String messageId = exchange.getRequestHeaders().getFirst("Upstash-Message-Id");
        String runId = exchange.getRequestHeaders().getFirst("Upstash-Workflow-RunId");
        int status;
        try {
            this.verifier.verify(exchange.getRequestHeaders().getFirst("Upstash-Signature"), body, this.url);
            if (!"1".equals(exchange.getRequestHeaders().getFirst("Upstash-Workflow-Sdk-Version"))) {
                throw new IllegalStateException("no Upstash-Workflow-Sdk-Version: 1");
            }
            List<Step> plan = (runId != null) ? this.plans.get(runId) : null;
            if (plan == null) {
                throw new IllegalStateException("unknown run " + runId);
            }
            status = deliver(runId, messageId, plan, history(runId, body));
        }
        catch (RuntimeException ex) {
            this.problems.add("delivery " + messageId + " of " + runId + ": " + ex.getMessage());
            status = 500;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            status = 503;
        }
        respond(exchange, runId, status);
    }

    /** Executes the next step of the run (or ends it), unless the delivery is held. */
    private int deliver(String runId, String messageId, List<Step> plan, List<JsonNode> history)
            throws InterruptedException {
        countTimeouts(runId, history);
        Set<Integer> done = new LinkedHashSet<>();
        for (JsonNode step : history) {
            if (!done.add(step.path("stepId").asInt(-1)) && step == history.get(history.size() - 1)) {
                // The SDK's duplicate-step answer: this step was published twice.
                this.holds.answered(messageId);
                return 200;
            }
        }
        for (int stepId = 1; stepId <= done.size(); stepId++) {
            if (!done.contains(stepId)) {
                throw new IllegalStateException("its history holds steps " + done + ": step " + stepId + " is missing");
            }
        }
        int next = done.size() + 1;
        Step step = (next <= plan.size()) ? plan.get(next - 1) : null;
        if (!this.holds.enter(runId, step != null && step.held())) {
            return 503;
        }
        boolean answered = false;
        try {
            if (step == null) {
                end(runId);
            }
            else {
                this.executions.computeIfAbsent(runId, (id) -> new ConcurrentHashMap<>())
                    .computeIfAbsent(next, (id) -> new CopyOnWriteArrayList<>())
                    .add(messageId);
                execute(runId, next, step);
            }
            answered = true;
            return 200;
        }
        finally {
            this.holds.exit(messageId, answered);
        }
    }

    private void countTimeouts(String runId, List<JsonNode> history) {
        if (!history.isEmpty() && history.get(history.size() - 1).path("waitTimeout").asBoolean(false)) {
            this.timeoutDeliveries.computeIfAbsent(runId, (id) -> new AtomicInteger()).incrementAndGet();
        }
        int timeouts = (int) history.stream().filter((step) -> step.path("waitTimeout").asBoolean(false)).count();
        this.mostTimeoutEntries.computeIfAbsent(runId, (id) -> new AtomicInteger())
            .accumulateAndGet(timeouts, Math::max);
    }

    private void execute(String runId, int stepId, Step step) {
        ObjectNode body = JSON.createObjectNode();
        body.put("stepId", stepId);
        body.put("stepName", "s" + stepId);
        body.put("stepType", step.type());
        body.put("concurrent", 1);
        Map<String, String> headers = stepHeaders(runId);
        if (step.type().equals(Step.WAIT)) {
            waitForEvent(runId, body, step.duration());
            return;
        }
        if (step.type().equals(Step.SLEEP)) {
            body.put("sleepFor", step.duration().toSeconds());
            headers.put("upstash-delay", step.duration().toSeconds() + "s");
        }
        else {
            body.put("out", "\"v\"");
        }
        ObjectNode message = JSON.createObjectNode();
        message.put("destination", this.url);
        message.put("body", body.toString());
        message.set("headers", JSON.valueToTree(headers));
        BrokerClient.Response response = call("POST", "/v2/batch", JSON.createArrayNode().add(message).toString(),
                Map.of("Content-Type", "application/json"));
        this.published.computeIfAbsent(runId, (id) -> new ConcurrentHashMap<>())
            .put(stepId, response.json().get(0).get("messageId").asString());
    }

    /**
     * Registers the wait as the SDK does: the step's headers, timeout to the run's URL.
     */
    private void waitForEvent(String runId, ObjectNode step, Duration timeout) {
        Map<String, String> headers = stepHeaders(runId);
        headers.put("upstash-workflow-calltype", "step");
        ObjectNode timeoutHeaders = JSON.createObjectNode();
        headers.forEach((name, value) -> timeoutHeaders.set(name, JSON.createArrayNode().add(value)));
        ObjectNode wait = JSON.createObjectNode();
        wait.put("url", this.url);
        wait.put("timeout", timeout.toSeconds() + "s");
        wait.put("timeoutUrl", this.url);
        wait.set("timeoutHeaders", timeoutHeaders);
        wait.set("step", step);
        call("POST", "/v2/wait/" + eventId(runId), wait.toString(), headers);
    }

    private void end(String runId) {
        call("DELETE", "/v2/workflows/runs/" + runId + "?cancel=false", "\"done\"",
                Map.of("Content-Type", "application/json"));
        this.endings.computeIfAbsent(runId, (id) -> new AtomicInteger()).incrementAndGet();
    }

    private BrokerClient.Response call(String method, String path, String body, Map<String, String> headers) {
        BrokerClient.Response response = this.broker.send(method, path, headers, body.getBytes(StandardCharsets.UTF_8));
        if (response.status() != 200) {
            throw new IllegalStateException(
                    method + " " + path + " was answered " + response.status() + ": " + response.body());
        }
        return response;
    }

    /**
     * The decoded history: item 0 the initial payload (must be the trigger's), then the
     * step JSON of every {@code step} entry.
     */
    private List<JsonNode> history(String runId, byte[] body) {
        JsonNode entries = JSON.readTree(body);
        if (!(entries instanceof ArrayNode array) || array.isEmpty()) {
            throw new IllegalStateException("its body is no step history: " + new String(body, StandardCharsets.UTF_8));
        }
        String initial = decode(array.get(0));
        if (!initial.equals(payload(runId))) {
            throw new IllegalStateException("its history starts with " + initial);
        }
        List<JsonNode> steps = new ArrayList<>();
        for (int i = 1; i < array.size(); i++) {
            if (array.get(i).path("callType").asString("step").equals("step")) {
                steps.add(JSON.readTree(decode(array.get(i))));
            }
        }
        return steps;
    }

    private static String decode(JsonNode entry) {
        return new String(Base64.getDecoder().decode(entry.path("body").asString("")), StandardCharsets.UTF_8);
    }

    private void respond(HttpExchange exchange, @Nullable String runId, int status) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Upstash-Workflow-Sdk-Version", "1");
            byte[] answer = ("{\"workflowRunId\":\"" + runId + "\",\"finishCondition\":\"success\"}")
                .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            out.write(answer);
        }
        catch (IOException ex) {
            // The broker that sent the delivery is gone.
        }
        exchange.close();
    }

    /** The headers of every message the SDK publishes for a run (spec 4.0). */
    private Map<String, String> stepHeaders(String runId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("upstash-workflow-init", "false");
        headers.put("upstash-workflow-runid", runId);
        headers.put("upstash-workflow-url", this.url);
        headers.put("upstash-workflow-sdk-version", "1");
        headers.put("upstash-forward-upstash-workflow-sdk-version", "1");
        headers.put("upstash-feature-set", FEATURE_SET);
        return headers;
    }

    private static String payload(String runId) {
        return "{\"run\":\"" + runId + "\"}";
    }

    /**
     * The event a run waits for.
     * @param runId the run
     * @return its event id
     */
    public static String eventId(String runId) {
        return "event-" + runId;
    }

    /**
     * A step of a fake workflow.
     *
     * @param type {@code Run}, {@code SleepFor} or {@code Wait}
     * @param duration how long a {@code SleepFor} sleeps or a {@code Wait} waits
     * @param held whether the delivery that would execute it is held until
     * {@link #release()}
     */
    public record Step(String type, Duration duration, boolean held) {

        static final String RUN = "Run";

        static final String SLEEP = "SleepFor";

        static final String WAIT = "Wait";

        /**
         * @return a {@code context.run} step
         */
        public static Step run() {
            return new Step(RUN, Duration.ZERO, false);
        }

        /**
         * @param duration how long
         * @return a {@code context.sleep} step ({@code Upstash-Delay} on its message)
         */
        public static Step sleep(Duration duration) {
            return new Step(SLEEP, duration, false);
        }

        /**
         * @param timeout when the wait times out
         * @return a {@code context.waitForEvent} step that no event ends
         */
        public static Step waitForEvent(Duration timeout) {
            return new Step(WAIT, timeout, false);
        }

        /**
         * @return this step, its delivery held until
         * {@link FakeWorkflowEndpoint#release()}
         */
        public Step heldUntilRelease() {
            return new Step(this.type, this.duration, true);
        }

    }

}
