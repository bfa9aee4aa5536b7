package io.github.qstashspring.listener;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import io.github.qstashspring.signature.QStashSignatureClaims;

/**
 * A verified QStash delivery: the converted payload plus the metadata QStash sends in
 * headers. Declare it as a {@link QStashListener} parameter; {@code T} is converted like
 * a plain parameter would be ({@code String}, {@code byte[]}, a Jackson tree, a record or
 * POJO).
 *
 * @param <T> the payload type
 * @param payload the converted body
 * @param messageId the {@code Upstash-Message-Id} header: the id to deduplicate on
 * @param retried the {@code Upstash-Retried} header: {@code 0} on the first attempt,
 * {@code 1} on the second, and so on
 * @param scheduleId the {@code Upstash-Schedule-Id} header when a schedule produced the
 * message
 * @param urlGroup the {@code Upstash-Topic-Name} header when the message was published to
 * a URL group
 * @param callerIp the {@code Upstash-Caller-Ip} header: the IP address of the publisher
 * @param region the {@code Upstash-Region} header, for example {@code EU-CENTRAL-1}
 * @param headers all request headers, read-only
 * @param signature the verified claims of the {@code Upstash-Signature}
 */
public record QStashMessage<T>(T payload, @Nullable String messageId, int retried, @Nullable String scheduleId,
        @Nullable String urlGroup, @Nullable String callerIp, @Nullable String region, HttpHeaders headers,
        QStashSignatureClaims signature) {

    /** Header carrying the message id. */
    public static final String MESSAGE_ID_HEADER = "Upstash-Message-Id";

    /** Header carrying the number of previous delivery attempts. */
    public static final String RETRIED_HEADER = "Upstash-Retried";

    /** Header carrying the schedule id. */
    public static final String SCHEDULE_ID_HEADER = "Upstash-Schedule-Id";

    /** Header carrying the URL group (topic) name. */
    public static final String URL_GROUP_HEADER = "Upstash-Topic-Name";

    /** Header carrying the publisher's IP address. */
    public static final String CALLER_IP_HEADER = "Upstash-Caller-Ip";

    /** Header carrying the QStash region the message came from. */
    public static final String REGION_HEADER = "Upstash-Region";

    /**
     * Whether this is a redelivery after an earlier attempt failed.
     * @return {@code true} when {@link #retried()} is above zero
     */
    public boolean isRedelivery() {
        return this.retried > 0;
    }

    /**
     * The same metadata with another payload.
     * @param <P> the new payload type
     * @param newPayload the payload
     * @return a new message
     */
    public <P> QStashMessage<P> withPayload(P newPayload) {
        return new QStashMessage<>(newPayload, this.messageId, this.retried, this.scheduleId, this.urlGroup,
                this.callerIp, this.region, this.headers, this.signature);
    }
}
