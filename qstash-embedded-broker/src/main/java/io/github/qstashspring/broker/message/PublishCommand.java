package io.github.qstashspring.broker.message;

import org.jspecify.annotations.Nullable;

/**
 * One message to accept: from a publish, enqueue or batch entry, or a schedule tick.
 *
 * @param destination the destination URL, exactly as it will be called, or a URL group
 * name
 * @param queueName the FIFO queue, or {@code null}
 * @param body the raw body
 * @param options the configuration headers
 * @param callerIp the publisher's address
 * @param scheduleId the schedule whose tick produced the message, or {@code null}
 */
record PublishCommand(String destination, @Nullable String queueName, byte[] body, PublishOptions options,
        @Nullable String callerIp, @Nullable String scheduleId) {

    PublishCommand(String destination, @Nullable String queueName, byte[] body, PublishOptions options,
            @Nullable String callerIp) {
        this(destination, queueName, body, options, callerIp, null);
    }

}
