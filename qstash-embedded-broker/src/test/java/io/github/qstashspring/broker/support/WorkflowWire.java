package io.github.qstashspring.broker.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.qstashspring.broker.support.BrokerClient.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the workflow endpoint's side of a run on the wire, with plain HTTP, the way
 * {@code @upstash/workflow} 1.3.3 does: the trigger and the step results it publishes
 * with {@code POST /v2/batch}, a wait for an event ({@code POST /v2/wait/<eventId>}) and
 * the end of a run ({@code DELETE /v2/workflows/runs/<id>?cancel=false} with the result).
 * The endpoint itself (a {@link TestReceiver} path) must answer with {@link #SDK_ANSWER},
 * or the broker fails the run as a non-workflow destination.
 */
public final class WorkflowWire {

    /** The response header by which the broker knows a workflow endpoint. */
    public static final Map<String, String> SDK_ANSWER = Map.of("Upstash-Workflow-Sdk-Version", "1");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String FEATURES = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig";

    private final Supplier<BrokerClient> api;

    /**
     * Creates the wire of a broker.
     * @param api the client of the broker of the moment
     */
    public WorkflowWire(Supplier<BrokerClient> api) {
        this.api = api;
    }

    /**
     * The batch entry of a trigger, which starts a run.
     * @param runId the run id
     * @param url the workflow endpoint
     * @param body the initial payload
     * @param extra more headers (labels, retries, failure callback...)
     * @return the entry's JSON
     */
    public static String trigger(String runId, String url, String body, Map<String, String> extra) {
        Map<String, String> headers = headers(runId, url, true);
        headers.putAll(extra);
        return entry(url, body, headers);
    }

    /**
     * The batch entry of a step's result.
     * @param runId the run id
     * @param url the workflow endpoint
     * @param stepId the step's id (1 for the first step after the trigger)
     * @param stepName the step's name
     * @param out the step's output, as the SDK writes it (JSON text)
     * @param concurrent how many steps run in parallel with this one (1 when alone)
     * @return the entry's JSON
     */
    public static String step(String runId, String url, int stepId, String stepName, String out, int concurrent) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", stepId);
        step.put("stepName", stepName);
        step.put("stepType", "Run");
        step.put("out", out);
        step.put("concurrent", concurrent);
        return entry(url, JSON.writeValueAsString(step), headers(runId, url, false));
    }

    /**
     * Publishes batch entries: {@code POST /v2/batch}.
     * @param entries the entries' JSON
     * @return the broker's answer (asserted 200)
     */
    public Response batch(String... entries) {
        Response response = this.api.get()
            .post("/v2/batch", Map.of("Content-Type", "application/json"), "[" + String.join(",", entries) + "]");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /**
     * Makes a run wait for an event: {@code POST /v2/wait/<eventId>}, as a Wait step with
     * id 1 whose result (the event, or a timeout) is delivered to the endpoint.
     * @param runId the run id
     * @param url the workflow endpoint
     * @param eventId the event id
     * @param timeout how long to wait, e.g. {@code 1h}
     * @return the broker's answer
     */
    public Response waitFor(String runId, String url, String eventId, String timeout) {
        Map<String, String> headers = headers(runId, url, false);
        headers.put("upstash-workflow-calltype", "step");
        Map<String, List<String>> timeoutHeaders = new LinkedHashMap<>();
        headers(runId, url, false).forEach((name, value) -> timeoutHeaders.put(name, List.of(value)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("timeout", timeout);
        body.put("timeoutUrl", url);
        body.put("timeoutHeaders", timeoutHeaders);
        body.put("step", Map.of("stepId", 1, "stepName", "wait", "stepType", "Wait", "concurrent", 1));
        return this.api.get().post("/v2/wait/" + eventId, headers, JSON.writeValueAsString(body));
    }

    /**
     * Ends a run, as the SDK does after its last step ({@code cancel=false}, with the
     * result) or when its code cancels it ({@code cancel=true}):
     * {@code DELETE /v2/workflows/runs/<id>?cancel=<cancel>}.
     * @param runId the run id
     * @param cancel whether the run is cancelled rather than finished
     * @param result the result (the body)
     * @return the broker's answer
     */
    public Response end(String runId, boolean cancel, String result) {
        return this.api.get()
            .send("DELETE", "/v2/workflows/runs/" + runId + "?cancel=" + cancel, Map.of(),
                    result.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The bodies of the history a delivery to the endpoint carries, decoded.
     * @param delivery the delivery
     * @return the bodies, the trigger's first
     */
    public static List<String> historyBodies(TestReceiver.Received delivery) {
        List<String> bodies = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(delivery.body())) {
            bodies.add(decode(entry.get("body").asString()));
        }
        return bodies;
    }

    /**
     * Decodes base64 text.
     * @param base64 the base64
     * @return the UTF-8 text
     */
    public static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(String runId, String url, boolean init) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("upstash-method", "POST");
        headers.put("upstash-workflow-init", String.valueOf(init));
        headers.put("upstash-workflow-runid", runId);
        headers.put("upstash-workflow-url", url);
        headers.put("upstash-workflow-sdk-version", "1");
        headers.put("upstash-forward-upstash-workflow-sdk-version", "1");
        headers.put("upstash-feature-set", FEATURES);
        headers.put("content-type", "application/json");
        return headers;
    }

    private static String entry(String destination, String body, Map<String, String> headers) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("destination", destination);
        entry.put("body", body);
        entry.put("headers", headers);
        return JSON.writeValueAsString(entry);
    }

}
