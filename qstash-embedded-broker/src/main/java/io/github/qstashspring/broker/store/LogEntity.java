package io.github.qstashspring.broker.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.store.MessageStore.LogEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code qs_log} as JPA reads it for the API's listings; entries are only ever
 * inserted, by {@link LogRows}.
 */
@Entity
@Table(name = "qs_log")
class LogEntity {

    /** Drawn from {@code qs_log_seq} by the insert. */
    @Id
    @Column(name = "id")
    private long id;

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

    /** {@code null} when Hibernate finds all its columns empty. */
    @Embedded
    private @Nullable EnvelopeColumns envelope = new EnvelopeColumns();

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

    LogEntry toEntry() {
        return new LogEntry(this.id, this.time, this.messageId, this.state, this.error, this.nextDeliveryTime,
                EnvelopeColumns.toEnvelope(this.envelope), this.headers, this.body, this.responseStatus,
                this.responseHeaders, this.responseBody);
    }

}
