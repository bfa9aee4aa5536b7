package io.github.qstashspring.client;

import org.jspecify.annotations.Nullable;

/**
 * A message to publish, to a URL ({@code POST /v2/publish/<url>}), to a URL group
 * ({@code POST /v2/publish/<group>}), or into a queue
 * ({@code POST /v2/enqueue/<queue>/<destination>}). The destination goes into the path
 * raw, exactly as given.
 *
 * <pre>{@code
 * template.publish(PublishRequest.to("https://my.app/orders")
 *     .json(order)
 *     .delay(Duration.ofMinutes(5))
 *     .retries(3)
 *     .header("X-Tenant", "acme"));
 * }</pre>
 */
public final class PublishRequest extends MessageRequest<PublishRequest> {

    private final boolean urlGroup;

    private @Nullable String queueName;

    private PublishRequest(String destination, boolean urlGroup) {
        super(destination);
        this.urlGroup = urlGroup;
    }

    /**
     * A message to a URL.
     * @param url absolute URL with {@code http://} or {@code https://}, query string
     * allowed
     * @return the request, to be completed with a body and options
     */
    public static PublishRequest to(String url) {
        return new PublishRequest(url, false);
    }

    /**
     * A message to every endpoint of a URL group: QStash creates one message per
     * endpoint.
     * @param urlGroup the URL group name
     * @return the request, to be completed with a body and options
     */
    public static PublishRequest toUrlGroup(String urlGroup) {
        return new PublishRequest(urlGroup, true);
    }

    /**
     * Enqueue into a FIFO queue instead of publishing directly: the path becomes
     * {@code /v2/enqueue/<queueName>/<destination>}; QStash creates the queue if needed.
     * @param queueName the queue name
     * @return this request
     */
    public PublishRequest queue(String queueName) {
        this.queueName = queueName;
        return this;
    }

    /**
     * The queue this message is enqueued into.
     * @return the queue name, or {@code null} when published directly
     */
    public @Nullable String getQueueName() {
        return this.queueName;
    }

    /**
     * Whether the destination is a URL group.
     * @return {@code true} for {@link #toUrlGroup}
     */
    public boolean isUrlGroup() {
        return this.urlGroup;
    }

    DestinationKind destinationKind() {
        if (this.queueName != null) {
            return DestinationKind.QUEUE;
        }
        return this.urlGroup ? DestinationKind.URL_GROUP : DestinationKind.URL;
    }

}
