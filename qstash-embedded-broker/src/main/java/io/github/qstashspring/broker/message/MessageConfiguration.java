package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.WorkflowStore;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing and the resources of messages in the broker's context: publish, enqueue and
 * batch, messages, the DLQ, the logs, URL groups and the dashboard's stats.
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
            Clock brokerClock, Redactor brokerRedactor,
            ObjectProvider<PublishService.WorkflowAdmission> workflowAdmission) {
        return new PublishService(groupCommit, messageStore, resourceStore, settings, dispatcher, brokerClock,
                brokerRedactor, workflowAdmission.getIfAvailable());
    }

    @Bean
    ApiResource publishResource(PublishService publishService, Settings settings, WorkflowStore workflowStore) {
        return new PublishResource(publishService, settings.maxBatchMessages(),
                new TriggerResource(publishService, workflowStore, settings.maxBatchMessages()));
    }

    @Bean
    ApiResource triggerResource(PublishService publishService, Settings settings, WorkflowStore workflowStore) {
        return new TriggerResource(publishService, workflowStore, settings.maxBatchMessages());
    }

    @Bean
    ApiResource messagesResource(TransactionTemplate brokerTransactionTemplate, MessageStore messageStore,
            Dispatcher dispatcher, Clock brokerClock, Redactor brokerRedactor) {
        return new MessagesResource(
                new MessageOperations(brokerTransactionTemplate, messageStore, dispatcher, brokerClock),
                brokerRedactor);
    }

    @Bean
    DeadLetterQueue deadLetterQueue(TransactionTemplate brokerTransactionTemplate, MessageStore messageStore,
            PublishService publishService, Dispatcher dispatcher, Clock brokerClock) {
        return new DeadLetterQueue(brokerTransactionTemplate, messageStore, publishService, dispatcher, brokerClock);
    }

    @Bean
    DeadLetters deadLetters(Redactor brokerRedactor, DeadLetterQueue deadLetterQueue, PublishService publishService,
            Clock brokerClock) {
        return new DeadLetters(brokerRedactor, deadLetterQueue, publishService, brokerClock);
    }

    @Bean
    ApiResource deadLetterResource(DeadLetterQueue deadLetterQueue, PublishService publishService,
            Redactor brokerRedactor, ObjectProvider<DeadLetters.Source> deadLetterSources) {
        return new DeadLetterResource(deadLetterQueue, publishService, brokerRedactor,
                deadLetterSources.orderedStream().toList());
    }

    @Bean
    ApiResource logsResource(TransactionTemplate brokerTransactionTemplate, MessageStore messageStore,
            Redactor brokerRedactor) {
        return new LogsResource(brokerTransactionTemplate, messageStore, brokerRedactor);
    }

    @Bean
    ApiResource statsResource(TransactionTemplate brokerTransactionTemplate, MessageStore messageStore,
            ResourceStore resourceStore, Clock brokerClock) {
        return new StatsResource(new BrokerStats(brokerTransactionTemplate, messageStore, resourceStore, brokerClock));
    }

    @Bean
    ApiResource urlGroupsResource(TransactionTemplate brokerTransactionTemplate, ResourceStore resourceStore,
            Dispatcher dispatcher, Settings settings, Clock brokerClock) {
        return new UrlGroupsResource(new UrlGroups(brokerTransactionTemplate, resourceStore, dispatcher,
                settings.maxUrlGroupEndpoints(), brokerClock));
    }

    /**
     * How messages are accepted, and the limits of what is accepted.
     *
     * @param defaultRetries retries of a message that sets none
     * @param maxRetries the largest {@code Upstash-Retries} accepted
     * @param maxTimeout the largest per-attempt timeout (of callbacks too)
     * @param deduplicationWindow how long deduplication keys are remembered
     * @param maxDelay the longest delay (of callbacks too), and how far ahead
     * {@code Upstash-Not-Before} may be
     * @param maxFlowControlPeriod the longest period of a flow-control rate
     * @param maxBatchMessages the most messages in one batch request
     * @param maxUrlGroupEndpoints the most endpoints in one URL group
     * @param redactionKey the key of the HMAC redacted values are shown as
     * @param readOnlyRedactedHeaders the headers shown redacted to the read-only token
     */
    public record Settings(int defaultRetries, int maxRetries, Duration maxTimeout, Duration deduplicationWindow,
            Duration maxDelay, Duration maxFlowControlPeriod, int maxBatchMessages, int maxUrlGroupEndpoints,
            byte[] redactionKey, List<String> readOnlyRedactedHeaders) {

        /**
         * Checks the limits.
         * @throws IllegalArgumentException when a limit is not positive, naming its
         * property
         */
        public Settings {
            require(!maxDelay.isNegative(), "max-delay must not be negative");
            require(maxFlowControlPeriod.compareTo(Duration.ofSeconds(1)) >= 0,
                    "max-flow-control-period must be at least 1s");
            require(maxBatchMessages >= 1, "max-batch-messages must be at least 1");
            require(maxUrlGroupEndpoints >= 1, "max-url-group-endpoints must be at least 1");
        }

        private static void require(boolean valid, String rule) {
            if (!valid) {
                throw new IllegalArgumentException("qstash.embedded.limits." + rule);
            }
        }

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
                    + ", maxDelay=" + this.maxDelay + ", maxFlowControlPeriod=" + this.maxFlowControlPeriod
                    + ", maxBatchMessages=" + this.maxBatchMessages + ", maxUrlGroupEndpoints="
                    + this.maxUrlGroupEndpoints + ", redactionKey hidden, readOnlyRedactedHeaders="
                    + this.readOnlyRedactedHeaders + "]";
        }

    }

}
