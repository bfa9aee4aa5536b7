package io.github.qstashspring.broker.store;

import io.github.qstashspring.broker.store.MessageStore.LogEntry;
import jakarta.persistence.Column;
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

    /** {@code null} when Hibernate finds all its columns empty. */
    @Embedded
    private @Nullable ContentColumns content = new ContentColumns();

    LogEntry toEntry() {
        ContentColumns columns = ContentColumns.of(this.content);
        return new LogEntry(this.id, this.time, this.messageId, this.state, this.error, this.nextDeliveryTime,
                EnvelopeColumns.toEnvelope(this.envelope), columns.headers(), columns.body(), columns.responseStatus(),
                columns.responseHeaders(), columns.responseBody());
    }

}
