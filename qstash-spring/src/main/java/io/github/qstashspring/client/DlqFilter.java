package io.github.qstashspring.client;

/**
 * Selects DLQ entries to list, delete or retry ({@code /v2/dlq?...}). An empty filter
 * selects every entry.
 *
 * <pre>{@code
 * for (DlqMessage failed : template.dlq().listAll(new DlqFilter().responseStatus(500))) { ... }
 * }</pre>
 */
public final class DlqFilter extends QStashFilter<DlqFilter> {

    /** Creates an empty filter (matches every entry). */
    public DlqFilter() {
    }

    /**
     * Exactly these entries ({@code dlqIds}, repeated); other filters are then ignored.
     * @param dlqIds the DLQ ids
     * @return this filter
     */
    public DlqFilter dlqIds(String... dlqIds) {
        return add("dlqIds", dlqIds);
    }

    /**
     * Only the entry of this message ({@code messageId}).
     * @param messageId the message id
     * @return this filter
     */
    public DlqFilter messageId(String messageId) {
        return add("messageId", messageId);
    }

    /**
     * Only entries whose last attempt got this status ({@code responseStatus}).
     * @param responseStatus the HTTP status
     * @return this filter
     */
    public DlqFilter responseStatus(int responseStatus) {
        return add("responseStatus", Integer.toString(responseStatus));
    }

}
