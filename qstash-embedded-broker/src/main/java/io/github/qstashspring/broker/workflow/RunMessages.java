package io.github.qstashspring.broker.workflow;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.Envelope;
import io.github.qstashspring.broker.store.WorkflowStore;
import io.github.qstashspring.broker.store.WorkflowStore.Entry;
import io.github.qstashspring.broker.store.WorkflowStore.Run;
import io.github.qstashspring.broker.store.WorkflowStore.RunConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a message of a run carries to the workflow URL: the history up to its own entry as
 * body, the run's headers, and the run's configuration.
 */
final class RunMessages {

    /** Header names (canonical) the broker sets on deliveries to a workflow URL. */
    static final String RUN_ID = "Upstash-Workflow-Runid";

    static final String CREATED_AT = "Upstash-Workflow-Createdat";

    static final String SDK_VERSION = "Upstash-Workflow-Sdk-Version";

    static final String UNKNOWN_SDK = "Upstash-Workflow-Unknown-Sdk";

    static final String FAILURE_CALLBACK = "Upstash-Workflow-Failure-Callback";

    static final String INVOKE_COUNT = "Upstash-Workflow-Invoke-Count";

    /**
     * Forwarded headers of a trigger that are not the run's: each message sets its own.
     */
    private static final Set<String> NOT_RUN_HEADERS = Set.of("Content-Type", SDK_VERSION, UNKNOWN_SDK, INVOKE_COUNT,
            "Host", "Content-Length", "Connection", "Transfer-Encoding");

    private final WorkflowStore runs;

    private final JsonMapper json;

    private final long lazyFetchThreshold;

    RunMessages(WorkflowStore runs, JsonMapper json, long lazyFetchThreshold) {
        this.runs = runs;
        this.json = json;
        this.lazyFetchThreshold = lazyFetchThreshold;
    }

    /**
     * The forwarded headers of a trigger that every delivery of its run carries.
     * @param triggerHeaders the trigger's forwarded headers
     * @return the run's headers
     */
    static Map<String, List<String>> runHeaders(Map<String, List<String>> triggerHeaders) {
        Map<String, List<String>> headers = new LinkedHashMap<>(triggerHeaders);
        headers.keySet().removeIf(NOT_RUN_HEADERS::contains);
        return headers;
    }

    /**
     * A message to the workflow URL with its history and headers.
     * @param run the run
     * @param message the message
     * @param position the message's entry
     * @param lazy whether the message's feature set allows an empty body (lazy fetch)
     * @return the message to store
     */
    StoredMessage withHistory(Run run, StoredMessage message, int position, boolean lazy) {
        byte[] body = historyJson(this.runs.history(run.runId(), position));
        if (lazy && body.length > this.lazyFetchThreshold) {
            body = new byte[0];
        }
        return message.withContent(deliveryHeaders(run, message.headers()), body);
    }

    /**
     * The full history of a run as the SDK reads it.
     * @param entries the entries
     * @return a JSON array of {@code {messageId, body (base64), callType}}
     */
    byte[] historyJson(List<Entry> entries) {
        ArrayNode array = this.json.createArrayNode();
        Base64.Encoder base64 = Base64.getEncoder();
        for (Entry entry : entries) {
            ObjectNode node = array.addObject();
            node.put("messageId", entry.messageId());
            node.put("body", base64.encodeToString(entry.body()));
            node.put("callType", entry.callType());
        }
        return this.json.writeValueAsBytes(array);
    }

    /**
     * The headers of a delivery to the workflow URL: the run's, the message's own, and
     * the run id and creation time.
     * @param run the run
     * @param own the message's headers
     * @return the headers
     */
    static Map<String, List<String>> deliveryHeaders(Run run, Map<String, List<String>> own) {
        Map<String, List<String>> headers = new LinkedHashMap<>(run.forwardedHeaders());
        own.forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        headers.put(RUN_ID, List.of(run.runId()));
        headers.put(CREATED_AT, List.of(String.valueOf(run.createdAt())));
        return headers;
    }

    /**
     * A message with the run's configuration ({@code WF_TriggerOnConfig}).
     * @param config the run's configuration
     * @param message the message
     * @return the configured message
     */
    static StoredMessage configured(RunConfig config, StoredMessage message) {
        Envelope envelope = message.envelope()
            .withConfiguration(config.retries(), config.retryDelay(), config.failureCallback(),
                    config.flowControlKey());
        return message.withConfiguration(envelope, config.failureCallbackOptions(), config.parallelism(), config.rate(),
                config.periodSeconds());
    }

    /**
     * The configuration a trigger gives its run.
     * @param trigger the trigger message
     * @return the configuration
     */
    static RunConfig configOf(StoredMessage trigger) {
        Envelope envelope = trigger.envelope();
        return new RunConfig(envelope.maxRetries(), envelope.retryDelayExpression(), envelope.flowControlKey(),
                trigger.flowParallelism(), trigger.flowRate(), trigger.flowPeriod(), envelope.failureCallback(),
                trigger.failureCallbackOptions());
    }

}
