package io.github.qstashspring.broker.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A remembered deduplication id or content hash and the message it produced. */
@Entity
@Table(name = "qs_dedup")
public class DedupEntity {

    @Id
    @Column(name = "dedup_key")
    private String dedupKey = "";

    @Column(name = "message_id")
    private String messageId = "";

    @Column(name = "expires_at")
    private long expiresAt;

    public String getDedupKey() {
        return this.dedupKey;
    }

    public void setDedupKey(String dedupKey) {
        this.dedupKey = dedupKey;
    }

    public String getMessageId() {
        return this.messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public long getExpiresAt() {
        return this.expiresAt;
    }

    public void setExpiresAt(long expiresAt) {
        this.expiresAt = expiresAt;
    }

}
