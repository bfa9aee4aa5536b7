package io.github.qstashspring.broker.message;

import java.time.Duration;

import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageState;

/**
 * Builds stored messages from publish commands, applying the broker's defaults and
 * limits.
 */
public class MessageFactory {

    private final int defaultRetries;

    private final long maxTimeoutMs;

    /**
     * Creates a factory.
     * @param defaultRetries retries when the publish sets none
     * @param maxTimeout the largest per-attempt timeout
     */
    public MessageFactory(int defaultRetries, Duration maxTimeout) {
        this.defaultRetries = defaultRetries;
        this.maxTimeoutMs = maxTimeout.toMillis();
    }

    /**
     * Creates a pending message (not yet saved; its arrival sequence number is drawn when
     * it is inserted).
     * @param command the publish
     * @param now epoch milliseconds
     * @return the message
     */
    public MessageEntity create(PublishCommand command, long now) {
        PublishOptions options = command.options();
        MessageEntity message = new MessageEntity();
        message.setId(Ids.messageId());
        message.setState(MessageState.PENDING);
        message.setUrl(command.destination());
        message.setUrlHost(Destinations.host(command.destination()));
        message.setUrlPath(Destinations.path(command.destination()));
        message.setQueueName(command.queueName());
        message.setScheduleId(command.scheduleId());
        message.setMethod((options.method() != null) ? options.method() : "POST");
        message.setHeaders(options.headers());
        message.setBody(command.body());
        message.setMaxRetries((options.retries() != null) ? options.retries() : this.defaultRetries);
        message.setRetryDelayExpression((options.retryDelay() != null) ? options.retryDelay().getText() : null);
        message.setTimeoutMs((options.timeoutMs() != null) ? Math.min(options.timeoutMs(), this.maxTimeoutMs) : null);
        message.setCallback(options.callback());
        message.setCallbackOptions(options.callbackOptions());
        message.setFailureCallback(options.failureCallback());
        message.setFailureCallbackOptions(options.failureCallbackOptions());
        message.setCallerIp(command.callerIp());
        message.setLabels(options.labels());
        message.setFlowControlKey(options.flowControlKey());
        message.setFlowParallelism(options.parallelism());
        message.setFlowRate(options.rate());
        message.setFlowPeriod(options.periodSeconds());
        message.setRedact(options.redact());
        long notBefore = now;
        if (options.notBeforeMs() != null) {
            notBefore = Math.max(now, options.notBeforeMs());
        }
        else if (options.delayMs() != null) {
            notBefore = now + options.delayMs();
        }
        message.setNotBefore(notBefore);
        message.setNextDeliveryAt(notBefore);
        message.setCreatedAt(now);
        return message;
    }

}
