package io.github.qstashspring.client;

/**
 * Selects messages to cancel in bulk ({@code DELETE /v2/messages?...}). An empty filter
 * selects every pending message.
 *
 * <pre>{@code
 * template.messages().cancel(new MessageFilter().queueName("emails").label("newsletter"));
 * }</pre>
 */
public final class MessageFilter extends QStashFilter<MessageFilter> {

    /** Creates an empty filter (matches every message). */
    public MessageFilter() {
    }

    /**
     * Exactly these messages ({@code messageIds}, repeated); other filters are then
     * ignored.
     * @param messageIds the ids
     * @return this filter
     */
    public MessageFilter messageIds(String... messageIds) {
        return add("messageIds", messageIds);
    }

    /**
     * Only messages to this host ({@code host}).
     * @param host the destination host
     * @return this filter
     */
    public MessageFilter host(String host) {
        return add("host", host);
    }

    /**
     * Only messages to this path ({@code path}).
     * @param path the destination path
     * @return this filter
     */
    public MessageFilter path(String path) {
        return add("path", path);
    }

}
