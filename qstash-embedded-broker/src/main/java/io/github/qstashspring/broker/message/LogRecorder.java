package io.github.qstashspring.broker.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.store.BatchedWrites;
import io.github.qstashspring.broker.store.LogEntity;
import io.github.qstashspring.broker.store.MessageEntity;
import org.jspecify.annotations.Nullable;

/**
 * Writes log entries for state changes of messages; call inside the transaction of the
 * change. The entries are inserted together just before that transaction commits
 * ({@link BatchedWrites}).
 */
public class LogRecorder {

    private final BatchedWrites writes;

    /**
     * Creates a recorder.
     * @param writes inserts the entries when the transaction commits
     */
    public LogRecorder(BatchedWrites writes) {
        this.writes = writes;
    }

    /**
     * Records a state change.
     * @param message the message
     * @param state the new state, e.g. {@code DELIVERED}
     * @param time epoch milliseconds
     */
    public void record(MessageEntity message, String state, long time) {
        this.writes.insert(entry(message, state, time));
    }

    private static LogEntity entry(MessageEntity message, String state, long time) {
        LogEntity entry = new LogEntity();
        entry.setTime(time);
        entry.setMessageId(message.getId());
        entry.setState(state);
        entry.setUrl(message.getUrl());
        entry.setUrlHost(message.getUrlHost());
        entry.setUrlPath(message.getUrlPath());
        entry.setTopicName(message.getTopicName());
        entry.setEndpointName(message.getEndpointName());
        entry.setScheduleId(message.getScheduleId());
        entry.setQueueName(message.getQueueName());
        entry.setMethod(message.getMethod());
        entry.setMaxRetries(message.getMaxRetries());
        entry.setRetryDelayExpression(message.getRetryDelayExpression());
        entry.setTimeoutMs(message.getTimeoutMs());
        entry.setCallback(message.getCallback());
        entry.setFailureCallback(message.getFailureCallback());
        entry.setLabels(message.getLabels());
        entry.setCallerIp(message.getCallerIp());
        entry.setFlowControlKey(message.getFlowControlKey());
        if (state.equals("CREATED")) {
            Redaction redaction = Redaction.of(message.getRedact());
            entry.setHeaders(redaction.headers(message.getHeaders()));
            entry.setBody(redaction.body() ? Redaction.redacted(message.getBody()).getBytes(StandardCharsets.UTF_8)
                    : message.getBody());
        }
        if (state.equals("RETRY")) {
            entry.setNextDeliveryTime(message.getNextDeliveryAt());
        }
        return entry;
    }

    /**
     * Records a failed attempt ({@code ERROR}) with what the destination answered.
     * @param message the message
     * @param time epoch milliseconds
     * @param status the response status, or {@code null} when there was no response
     * @param headers the response headers
     * @param body the response body
     * @param error what went wrong
     */
    public void error(MessageEntity message, long time, @Nullable Integer status, Map<String, List<String>> headers,
            byte @Nullable [] body, String error) {
        LogEntity entry = entry(message, "ERROR", time);
        entry.setResponseStatus(status);
        entry.setResponseHeaders(headers);
        entry.setResponseBody(body);
        entry.setError(error);
        this.writes.insert(entry);
    }

}
