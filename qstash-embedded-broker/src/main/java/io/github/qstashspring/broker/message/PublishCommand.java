package io.github.qstashspring.broker.message;

import org.jspecify.annotations.Nullable;

/**
 * One message to accept: from a publish, enqueue or batch entry.
 * @param destination the destination URL, exactly as it will be called
 * @param queueName the FIFO queue, or {@code null}
 * @param body the raw body
 * @param options the configuration headers
 * @param callerIp the publisher's address
 */
public record PublishCommand(String destination, @Nullable String queueName, byte[] body, PublishOptions options,
        @Nullable String callerIp) {
}
