package io.github.qstashspring.broker.message;

import java.time.Duration;

import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.Envelope;
import io.github.qstashspring.broker.store.StoredMessage.State;
import org.jspecify.annotations.Nullable;

/**
 * Builds stored messages from publish commands, applying the broker's defaults and
 * limits.
 */
final class MessageFactory {

    private final int defaultRetries;

    private final long maxTimeoutMs;

    /**
     * Creates a factory.
     * @param defaultRetries retries when the publish sets none
     * @param maxTimeout the largest per-attempt timeout
     */
    MessageFactory(int defaultRetries, Duration maxTimeout) {
        this.defaultRetries = defaultRetries;
        this.maxTimeoutMs = maxTimeout.toMillis();
    }

    int defaultRetries() {
        return this.defaultRetries;
    }

    /**
     * Creates a pending message (not yet stored; its arrival sequence number is drawn
     * when it is inserted).
     * @param command the publish
     * @param topicName the URL group it was published to, or {@code null}
     * @param endpointName the endpoint of that group, or {@code null}
     * @param now epoch milliseconds
     * @return the message
     */
    StoredMessage create(PublishCommand command, @Nullable String topicName, @Nullable String endpointName, long now) {
        PublishOptions options = command.options();
        String url = command.destination();
        Envelope envelope = new Envelope(url, Envelope.hostOf(url), Envelope.pathOf(url), topicName, endpointName,
                command.queueName(), command.scheduleId(), (options.method() != null) ? options.method() : "POST",
                (options.retries() != null) ? options.retries() : this.defaultRetries, options.retryDelay(),
                (options.timeoutMs() != null) ? Math.min(options.timeoutMs(), this.maxTimeoutMs) : null,
                options.callback(), options.failureCallback(), command.callerIp(), options.labels(),
                options.flowControlKey());
        long notBefore = now;
        if (options.notBeforeMs() != null) {
            notBefore = Math.max(now, options.notBeforeMs());
        }
        else if (options.delayMs() != null) {
            notBefore = now + options.delayMs();
        }
        return new StoredMessage(StoredMessage.newId(), 0, State.PENDING, notBefore, null, false, envelope, null,
                options.headers(), command.body(), 0, options.callbackOptions(), options.failureCallbackOptions(),
                options.parallelism(), options.rate(), options.periodSeconds(), options.redact(), notBefore, now, null);
    }

}
