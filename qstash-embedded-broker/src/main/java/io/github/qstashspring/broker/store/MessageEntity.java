package io.github.qstashspring.broker.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * A message waiting for delivery, being delivered, or (state {@link MessageState#FAILED})
 * in the dead letter queue. Delivered and cancelled messages are deleted; their history
 * stays in the logs. Updates write only the changed columns, so that a cancel request and
 * a recorded outcome of the same message do not overwrite each other.
 */
@Entity
@DynamicUpdate
@Table(name = "qs_message")
public class MessageEntity implements Persistable<String> {

    private static final LabelsConverter LABELS = new LabelsConverter();

    @Id
    @Column(name = "id")
    private String id = "";

    /** Arrival order, used for FIFO queues and stable listings. */
    @Column(name = "seq")
    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "state")
    private MessageState state = MessageState.PENDING;

    @Column(name = "next_delivery_at")
    private long nextDeliveryAt;

    @Column(name = "lease_until")
    private @Nullable Long leaseUntil;

    @Column(name = "cancel_requested")
    private boolean cancelRequested;

    @Column(name = "url")
    private String url = "";

    @Column(name = "url_host")
    private @Nullable String urlHost;

    @Column(name = "url_path")
    private @Nullable String urlPath;

    @Column(name = "topic_name")
    private @Nullable String topicName;

    @Column(name = "endpoint_name")
    private @Nullable String endpointName;

    @Column(name = "queue_name")
    private @Nullable String queueName;

    @Column(name = "turn_queue")
    private @Nullable String turnQueue;

    @Column(name = "schedule_id")
    private @Nullable String scheduleId;

    @Column(name = "method")
    private String method = "POST";

    @Convert(converter = HeaderMapConverter.class)
    @Column(name = "headers")
    private Map<String, List<String>> headers = new LinkedHashMap<>();

    @Column(name = "body")
    private byte[] body = new byte[0];

    @Column(name = "max_retries")
    private int maxRetries;

    @Column(name = "retried")
    private int retried;

    @Column(name = "retry_delay_expression")
    private @Nullable String retryDelayExpression;

    @Column(name = "timeout_ms")
    private @Nullable Long timeoutMs;

    @Column(name = "callback")
    private @Nullable String callback;

    @Convert(converter = CallbackOptionsConverter.class)
    @Column(name = "callback_options")
    private @Nullable CallbackOptions callbackOptions;

    @Column(name = "failure_callback")
    private @Nullable String failureCallback;

    @Convert(converter = CallbackOptionsConverter.class)
    @Column(name = "failure_callback_options")
    private @Nullable CallbackOptions failureCallbackOptions;

    @Column(name = "caller_ip")
    private @Nullable String callerIp;

    /** Labels as {@code ,a,b,} (see {@link LabelsConverter}). */
    @Column(name = "labels")
    private @Nullable String labels;

    @Column(name = "flow_control_key")
    private @Nullable String flowControlKey;

    @Column(name = "flow_parallelism")
    private @Nullable Integer flowParallelism;

    @Column(name = "flow_rate")
    private @Nullable Integer flowRate;

    @Column(name = "flow_period")
    private @Nullable Long flowPeriod;

    @Column(name = "redact")
    private @Nullable String redact;

    @Column(name = "not_before")
    private long notBefore;

    @Column(name = "created_at")
    private long createdAt;

    @Column(name = "dlq_id")
    private @Nullable String dlqId;

    @Column(name = "dlq_seq")
    private @Nullable Long dlqSeq;

    @Column(name = "response_status")
    private @Nullable Integer responseStatus;

    @Convert(converter = HeaderMapConverter.class)
    @Column(name = "response_headers")
    private Map<String, List<String>> responseHeaders = new LinkedHashMap<>();

    @Column(name = "response_body")
    private byte @Nullable [] responseBody;

    public String getId() {
        return this.id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public long getSeq() {
        return this.seq;
    }

    public void setSeq(long seq) {
        this.seq = seq;
    }

    public MessageState getState() {
        return this.state;
    }

    public void setState(MessageState state) {
        this.state = state;
    }

    public long getNextDeliveryAt() {
        return this.nextDeliveryAt;
    }

    public void setNextDeliveryAt(long nextDeliveryAt) {
        this.nextDeliveryAt = nextDeliveryAt;
    }

    public @Nullable Long getLeaseUntil() {
        return this.leaseUntil;
    }

    public void setLeaseUntil(@Nullable Long leaseUntil) {
        this.leaseUntil = leaseUntil;
    }

    public boolean isCancelRequested() {
        return this.cancelRequested;
    }

    public void setCancelRequested(boolean cancelRequested) {
        this.cancelRequested = cancelRequested;
    }

    public String getUrl() {
        return this.url;
    }

    public void setUrl(String url) {
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

    public @Nullable String getQueueName() {
        return this.queueName;
    }

    public void setQueueName(@Nullable String queueName) {
        this.queueName = queueName;
    }

    /**
     * @return the queue whose turn this callback holds, or {@code null}
     */
    public @Nullable String getTurnQueue() {
        return this.turnQueue;
    }

    public void setTurnQueue(@Nullable String turnQueue) {
        this.turnQueue = turnQueue;
    }

    /**
     * @return the queue whose turn this message holds: its own queue, or its source's for
     * a callback
     */
    public @Nullable String turnQueueName() {
        return (this.queueName != null) ? this.queueName : this.turnQueue;
    }

    public @Nullable String getScheduleId() {
        return this.scheduleId;
    }

    public void setScheduleId(@Nullable String scheduleId) {
        this.scheduleId = scheduleId;
    }

    public String getMethod() {
        return this.method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public Map<String, List<String>> getHeaders() {
        return this.headers;
    }

    public void setHeaders(Map<String, List<String>> headers) {
        this.headers = headers;
    }

    public int getMaxRetries() {
        return this.maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public int getRetried() {
        return this.retried;
    }

    public void setRetried(int retried) {
        this.retried = retried;
    }

    public @Nullable String getRetryDelayExpression() {
        return this.retryDelayExpression;
    }

    public void setRetryDelayExpression(@Nullable String retryDelayExpression) {
        this.retryDelayExpression = retryDelayExpression;
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

    public @Nullable CallbackOptions getCallbackOptions() {
        return this.callbackOptions;
    }

    public void setCallbackOptions(@Nullable CallbackOptions callbackOptions) {
        this.callbackOptions = callbackOptions;
    }

    public @Nullable String getFailureCallback() {
        return this.failureCallback;
    }

    public void setFailureCallback(@Nullable String failureCallback) {
        this.failureCallback = failureCallback;
    }

    public @Nullable CallbackOptions getFailureCallbackOptions() {
        return this.failureCallbackOptions;
    }

    public void setFailureCallbackOptions(@Nullable CallbackOptions failureCallbackOptions) {
        this.failureCallbackOptions = failureCallbackOptions;
    }

    public @Nullable String getCallerIp() {
        return this.callerIp;
    }

    public void setCallerIp(@Nullable String callerIp) {
        this.callerIp = callerIp;
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

    public @Nullable String getFlowControlKey() {
        return this.flowControlKey;
    }

    public void setFlowControlKey(@Nullable String flowControlKey) {
        this.flowControlKey = flowControlKey;
    }

    public @Nullable Integer getFlowParallelism() {
        return this.flowParallelism;
    }

    public void setFlowParallelism(@Nullable Integer flowParallelism) {
        this.flowParallelism = flowParallelism;
    }

    public @Nullable Integer getFlowRate() {
        return this.flowRate;
    }

    public void setFlowRate(@Nullable Integer flowRate) {
        this.flowRate = flowRate;
    }

    public @Nullable Long getFlowPeriod() {
        return this.flowPeriod;
    }

    public void setFlowPeriod(@Nullable Long flowPeriod) {
        this.flowPeriod = flowPeriod;
    }

    public @Nullable String getRedact() {
        return this.redact;
    }

    public void setRedact(@Nullable String redact) {
        this.redact = redact;
    }

    public long getNotBefore() {
        return this.notBefore;
    }

    public void setNotBefore(long notBefore) {
        this.notBefore = notBefore;
    }

    public long getCreatedAt() {
        return this.createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public @Nullable String getDlqId() {
        return this.dlqId;
    }

    public void setDlqId(@Nullable String dlqId) {
        this.dlqId = dlqId;
    }

    public @Nullable Long getDlqSeq() {
        return this.dlqSeq;
    }

    public void setDlqSeq(@Nullable Long dlqSeq) {
        this.dlqSeq = dlqSeq;
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

    public byte[] getBody() {
        return this.body;
    }

    public void setBody(byte[] body) {
        this.body = body;
    }

    public byte @Nullable [] getResponseBody() {
        return this.responseBody;
    }

    public void setResponseBody(byte @Nullable [] responseBody) {
        this.responseBody = responseBody;
    }

    @Transient
    private boolean fresh = true;

    @Override
    public boolean isNew() {
        return this.fresh;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        this.fresh = false;
    }

}
