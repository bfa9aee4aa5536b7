package io.github.qstashspring.broker.store;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.github.qstashspring.broker.store.StoredMessage.Envelope;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/**
 * The columns {@code qs_message} and {@code qs_log} share (a message's {@link Envelope}),
 * declared once: embedded in {@link MessageEntity} and {@link LogEntity} for JPA reads,
 * and bound and read here for the JDBC writes of {@link MessageRows} and {@link LogRows}.
 */
@Embeddable
class EnvelopeColumns {

    /** The column names, in the order {@link #bind} binds them. */
    static final String NAMES = "url, url_host, url_path, topic_name, endpoint_name, queue_name, schedule_id, method,"
            + " max_retries, retry_delay_expression, timeout_ms, callback, failure_callback, caller_ip, labels,"
            + " flow_control_key";

    /** How many columns {@link #NAMES} lists. */
    static final int COUNT = 16;

    private static final LabelsConverter LABELS = new LabelsConverter();

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

    @Column(name = "queue_name")
    private @Nullable String queueName;

    @Column(name = "schedule_id")
    private @Nullable String scheduleId;

    @Column(name = "method")
    private @Nullable String method;

    @Column(name = "max_retries")
    private @Nullable Integer maxRetries;

    @Column(name = "retry_delay_expression")
    private @Nullable String retryDelayExpression;

    @Column(name = "timeout_ms")
    private @Nullable Long timeoutMs;

    @Column(name = "callback")
    private @Nullable String callback;

    @Column(name = "failure_callback")
    private @Nullable String failureCallback;

    @Column(name = "caller_ip")
    private @Nullable String callerIp;

    /** Labels as {@code ,a,b,} (see {@link LabelsConverter}). */
    @Column(name = "labels")
    private @Nullable String labels;

    @Column(name = "flow_control_key")
    private @Nullable String flowControlKey;

    static Envelope toEnvelope(@Nullable EnvelopeColumns columns) {
        return (columns != null) ? columns.toEnvelope() : new EnvelopeColumns().toEnvelope();
    }

    private Envelope toEnvelope() {
        return new Envelope((this.url != null) ? this.url : "", this.urlHost, this.urlPath, this.topicName,
                this.endpointName, this.queueName, this.scheduleId, (this.method != null) ? this.method : "POST",
                (this.maxRetries != null) ? this.maxRetries : 0, this.retryDelayExpression, this.timeoutMs,
                this.callback, this.failureCallback, this.callerIp, LABELS.convertToEntityAttribute(this.labels),
                this.flowControlKey);
    }

    /**
     * Binds the columns of {@link #NAMES}.
     * @param parameters the statement's parameters
     * @param envelope the values
     * @return the parameters, for the columns that follow
     * @throws SQLException when a value cannot be bound
     */
    static Parameters bind(Parameters parameters, Envelope envelope) throws SQLException {
        return parameters.string(envelope.url())
            .string(envelope.urlHost())
            .string(envelope.urlPath())
            .string(envelope.topicName())
            .string(envelope.endpointName())
            .string(envelope.queueName())
            .string(envelope.scheduleId())
            .string(envelope.method())
            .integer(envelope.maxRetries())
            .string(envelope.retryDelayExpression())
            .number(envelope.timeoutMs())
            .string(envelope.callback())
            .string(envelope.failureCallback())
            .string(envelope.callerIp())
            .string(LABELS.convertToDatabaseColumn(envelope.labels()))
            .string(envelope.flowControlKey());
    }

    /**
     * Reads the columns of {@link #NAMES} from a row.
     * @param row the row
     * @return the envelope
     * @throws SQLException when a column cannot be read
     */
    static Envelope read(ResultSet row) throws SQLException {
        return new Envelope(row.getString("url"), row.getString("url_host"), row.getString("url_path"),
                row.getString("topic_name"), row.getString("endpoint_name"), row.getString("queue_name"),
                row.getString("schedule_id"), row.getString("method"), row.getInt("max_retries"),
                row.getString("retry_delay_expression"), row.getObject("timeout_ms", Long.class),
                row.getString("callback"), row.getString("failure_callback"), row.getString("caller_ip"),
                LABELS.convertToEntityAttribute(row.getString("labels")), row.getString("flow_control_key"));
    }

}
