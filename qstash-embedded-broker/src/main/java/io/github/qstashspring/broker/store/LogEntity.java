package io.github.qstashspring.broker.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One state change of a message, served by {@code GET /v2/logs} and
 * {@code GET /v2/events}. The message's headers and body are kept on its {@code CREATED}
 * entry only; response details only on {@code ERROR} entries.
 */
@Entity
@Table(name = "qs_log")
public class LogEntity {

    private static final LabelsConverter LABELS = new LabelsConverter();

    /**
     * Drawn from {@code qs_log_seq} by the insert ({@link LogRows}); entries are never
     * inserted through JPA.
     */
    @Id
    @Column(name = "id")
    private @Nullable Long id;

    @Column(name = "log_time")
    private long time;

    @Column(name = "message_id")
    private String messageId = "";

    @Column(name = "state")
    private String state = "";

    @Column(name = "error")
    private @Nullable String error;

    @Column(name = "next_delivery_time")
    private @Nullable Long nextDeliveryTime;

    @Column(name = "url")
    private @Nullable String url;

    @Column(name = "url_host")
    private @Nullable String urlHost;

    @Column(name = "url_path")
    private @Nullable String urlPath;

    @Column(name = "topic_name")
    private @Nullable String topicName;

    @Column(name = "endpoint_name")
    private @Nullable String endpointName;

    @Column(name = "schedule_id")
    private @Nullable String scheduleId;

    @Column(name = "queue_name")
    private @Nullable String queueName;

    @Column(name = "method")
    private @Nullable String method;

    @Convert(converter = HeaderMapConverter.class)
    @Column(name = "headers")
    private Map<String, List<String>> headers = new LinkedHashMap<>();

    @Column(name = "body")
    private byte @Nullable [] body;

    @Column(name = "response_status")
    private @Nullable Integer responseStatus;

    @Convert(converter = HeaderMapConverter.class)
    @Column(name = "response_headers")
    private Map<String, List<String>> responseHeaders = new LinkedHashMap<>();

    @Column(name = "response_body")
    private byte @Nullable [] responseBody;

    @Column(name = "timeout_ms")
    private @Nullable Long timeoutMs;

    @Column(name = "callback")
    private @Nullable String callback;

    @Column(name = "failure_callback")
    private @Nullable String failureCallback;

    @Column(name = "max_retries")
    private @Nullable Integer maxRetries;

    @Column(name = "retry_delay_expression")
    private @Nullable String retryDelayExpression;

    /** Labels as {@code ,a,b,} (see {@link LabelsConverter}). */
    @Column(name = "labels")
    private @Nullable String labels;

    @Column(name = "caller_ip")
    private @Nullable String callerIp;

    @Column(name = "flow_control_key")
    private @Nullable String flowControlKey;

    public @Nullable Long getId() {
        return this.id;
    }

    public void setId(@Nullable Long id) {
        this.id = id;
    }

    public long getTime() {
        return this.time;
    }

    public void setTime(long time) {
        this.time = time;
    }

    public String getMessageId() {
        return this.messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public String getState() {
        return this.state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public @Nullable String getError() {
        return this.error;
    }

    public void setError(@Nullable String error) {
        this.error = error;
    }

    public @Nullable Long getNextDeliveryTime() {
        return this.nextDeliveryTime;
    }

    public void setNextDeliveryTime(@Nullable Long nextDeliveryTime) {
        this.nextDeliveryTime = nextDeliveryTime;
    }

    public @Nullable String getUrl() {
        return this.url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable String getUrlHost() {
        return this.urlHost;
    }

    public void setUrlHost(@Nullable String urlHost) {
        this.urlHost = urlHost;
    }

    public @Nullable String getUrlPath() {
        return this.urlPath;
    }

    public void setUrlPath(@Nullable String urlPath) {
        this.urlPath = urlPath;
    }

    public @Nullable String getTopicName() {
        return this.topicName;
    }

    public void setTopicName(@Nullable String topicName) {
        this.topicName = topicName;
    }

    public @Nullable String getEndpointName() {
        return this.endpointName;
    }

    public void setEndpointName(@Nullable String endpointName) {
        this.endpointName = endpointName;
    }

    public @Nullable String getScheduleId() {
        return this.scheduleId;
    }

    public void setScheduleId(@Nullable String scheduleId) {
        this.scheduleId = scheduleId;
    }

    public @Nullable String getQueueName() {
        return this.queueName;
    }

    public void setQueueName(@Nullable String queueName) {
        this.queueName = queueName;
    }

    public @Nullable String getMethod() {
        return this.method;
    }

    public void setMethod(@Nullable String method) {
        this.method = method;
    }

    public Map<String, List<String>> getHeaders() {
        return this.headers;
    }

    public void setHeaders(Map<String, List<String>> headers) {
        this.headers = headers;
    }

    public @Nullable Integer getResponseStatus() {
        return this.responseStatus;
    }

    public void setResponseStatus(@Nullable Integer responseStatus) {
        this.responseStatus = responseStatus;
    }

    public Map<String, List<String>> getResponseHeaders() {
        return this.responseHeaders;
    }

    public void setResponseHeaders(Map<String, List<String>> responseHeaders) {
        this.responseHeaders = responseHeaders;
    }

    public @Nullable Long getTimeoutMs() {
        return this.timeoutMs;
    }

    public void setTimeoutMs(@Nullable Long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public @Nullable String getCallback() {
        return this.callback;
    }

    public void setCallback(@Nullable String callback) {
        this.callback = callback;
    }

    public @Nullable String getFailureCallback() {
        return this.failureCallback;
    }

    public void setFailureCallback(@Nullable String failureCallback) {
        this.failureCallback = failureCallback;
    }

    public @Nullable Integer getMaxRetries() {
        return this.maxRetries;
    }

    public void setMaxRetries(@Nullable Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public @Nullable String getRetryDelayExpression() {
        return this.retryDelayExpression;
    }

    public void setRetryDelayExpression(@Nullable String retryDelayExpression) {
        this.retryDelayExpression = retryDelayExpression;
    }

    /**
     * @return the labels column as stored ({@code ,a,b,}), or {@code null}
     */
    @Nullable String labelsColumn() {
        return this.labels;
    }

    void setLabelsColumn(@Nullable String labels) {
        this.labels = labels;
    }

    public List<String> getLabels() {
        return LABELS.convertToEntityAttribute(this.labels);
    }

    public void setLabels(List<String> labels) {
        this.labels = LABELS.convertToDatabaseColumn(labels);
    }

    public @Nullable String getCallerIp() {
        return this.callerIp;
    }

    public void setCallerIp(@Nullable String callerIp) {
        this.callerIp = callerIp;
    }

    public @Nullable String getFlowControlKey() {
        return this.flowControlKey;
    }

    public void setFlowControlKey(@Nullable String flowControlKey) {
        this.flowControlKey = flowControlKey;
    }

    public byte @Nullable [] getBody() {
        return this.body;
    }

    public void setBody(byte @Nullable [] body) {
        this.body = body;
    }

    public byte @Nullable [] getResponseBody() {
        return this.responseBody;
    }

    public void setResponseBody(byte @Nullable [] responseBody) {
        this.responseBody = responseBody;
    }

}
