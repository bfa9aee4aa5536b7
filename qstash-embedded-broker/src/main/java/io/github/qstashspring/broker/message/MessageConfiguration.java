package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing and the resources of messages in the broker's context: publish, enqueue and
 * batch, messages, the DLQ, the logs and URL groups.
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
public final class MessageConfiguration {

    @Bean
    Redactor brokerRedactor(Settings settings, JsonMapper brokerJsonMapper) {
        return new Redactor(settings.redactionKey(), settings.readOnlyRedactedHeaders(), brokerJsonMapper);
    }

    @Bean
    PublishService publishService(@Qualifier("brokerGroupCommit") TransactionOperations groupCommit,
            MessageStore messageStore, ResourceStore resourceStore, Settings settings, Dispatcher dispatcher,
            Clock brokerClock, Redactor brokerRedactor) {
        return new PublishService(groupCommit, messageStore, resourceStore, settings, dispatcher, brokerClock,
                brokerRedactor);
    }

    @Bean
    ApiResource publishResource(PublishService publishService) {
        return new PublishResource(publishService);
    }

    @Bean
    ApiResource messagesResource(TransactionTemplate brokerTransactionTemplate, MessageStore messageStore,
            Dispatcher dispatcher, Clock brokerClock, Redactor brokerRedactor) {
        return new MessagesResource(
                new MessageOperations(brokerTransactionTemplate, messageStore, dispatcher, brokerClock),
                brokerRedactor);
    }

    @Bean
    ApiResource deadLetterResource(TransactionTemplate brokerTransactionTemplate, MessageStore messageStore,
            PublishService publishService, Dispatcher dispatcher, Clock brokerClock, Redactor brokerRedactor) {
        return new DeadLetterResource(
                new DeadLetterQueue(brokerTransactionTemplate, messageStore, publishService, dispatcher, brokerClock),
                publishService, brokerRedactor);
    }

    @Bean
    ApiResource logsResource(TransactionTemplate brokerTransactionTemplate, MessageStore messageStore,
            Redactor brokerRedactor) {
        return new LogsResource(brokerTransactionTemplate, messageStore, brokerRedactor);
    }

    @Bean
    ApiResource urlGroupsResource(TransactionTemplate brokerTransactionTemplate, ResourceStore resourceStore,
            Clock brokerClock) {
        return new UrlGroupsResource(new UrlGroups(brokerTransactionTemplate, resourceStore, brokerClock));
    }

    /**
     * How messages are accepted.
     *
     * @param defaultRetries retries of a message that sets none
     * @param maxRetries the largest {@code Upstash-Retries} accepted
     * @param maxTimeout the largest per-attempt timeout
     * @param deduplicationWindow how long deduplication keys are remembered
     * @param redactionKey the key of the HMAC redacted values are shown as
     * @param readOnlyRedactedHeaders the headers shown redacted to the read-only token
     */
    public record Settings(int defaultRetries, int maxRetries, Duration maxTimeout, Duration deduplicationWindow,
            byte[] redactionKey, List<String> readOnlyRedactedHeaders) {

        @Override
        public boolean equals(@Nullable Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "Settings[defaultRetries=" + this.defaultRetries + ", maxRetries=" + this.maxRetries
                    + ", maxTimeout=" + this.maxTimeout + ", deduplicationWindow=" + this.deduplicationWindow
                    + ", redactionKey hidden, readOnlyRedactedHeaders=" + this.readOnlyRedactedHeaders + "]";
        }

    }

}
