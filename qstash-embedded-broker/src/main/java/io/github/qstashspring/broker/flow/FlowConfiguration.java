package io.github.qstashspring.broker.flow;

import java.time.Clock;
import java.time.Duration;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.delivery.DeliveryConfiguration;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The management of queues and flow-control keys in the broker's context.
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
public final class FlowConfiguration {

    @Bean
    ApiResource queuesResource(TransactionTemplate brokerTransactionTemplate, ResourceStore resourceStore,
            MessageStore messageStore, Dispatcher dispatcher, Clock brokerClock) {
        return new QueuesResource(
                new Queues(brokerTransactionTemplate, resourceStore, messageStore, dispatcher, brokerClock));
    }

    @Bean
    ApiResource flowControlResource(TransactionTemplate brokerTransactionTemplate, ResourceStore resourceStore,
            DeliveryConfiguration.Settings delivery, Settings settings, Clock brokerClock) {
        return new FlowControlResource(new FlowControl(brokerTransactionTemplate, resourceStore,
                settings.maxFlowControlPeriod().toSeconds(), brokerClock), delivery.concurrency());
    }

    /**
     * The limits of flow control.
     *
     * @param maxFlowControlPeriod the longest rate period a key may be pinned to (the
     * publish side checks its messages' periods against the same limit)
     */
    public record Settings(Duration maxFlowControlPeriod) {
    }

}
