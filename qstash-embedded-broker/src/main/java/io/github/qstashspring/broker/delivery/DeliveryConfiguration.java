package io.github.qstashspring.broker.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery of the broker's context: the dispatcher and its workers, the maintenance,
 * the signing keys and their resource, and the {@link Dispatcher} the other packages use.
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
public final class DeliveryConfiguration {

    @Bean
    SigningKeys signingKeys(TransactionTemplate brokerTransactionTemplate, ResourceStore resourceStore,
            Settings settings) {
        // Signatures carry real time: receivers check them against their own clock, even
        // when tests move the broker's scheduling clock.
        return new SigningKeys(brokerTransactionTemplate, resourceStore, settings.currentSigningKey(),
                settings.nextSigningKey(), Clock.systemUTC());
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(TransactionTemplate brokerTransactionTemplate,
            @Qualifier("brokerGroupCommit") TransactionOperations groupCommit, MessageStore messageStore,
            ResourceStore resourceStore, SigningKeys signingKeys, Settings settings, JsonMapper brokerJsonMapper,
            Clock brokerClock, ObjectProvider<Dispatcher.AttemptObserver> attemptObservers) {
        OutcomeRecorder outcomes = new OutcomeRecorder(groupCommit, messageStore,
                new CallbackMessages(brokerJsonMapper), brokerClock);
        HttpDeliverer deliverer = new HttpDeliverer(settings.concurrency(), settings.connectTimeout(),
                settings.timeout(), settings.maxResponseBytes(), settings.region());
        DeliveryWorkers workers = new DeliveryWorkers(deliverer, signingKeys, outcomes, settings.concurrency(),
                settings.batchSize(), observers(attemptObservers));
        return new DeliveryDispatcher(brokerTransactionTemplate, messageStore, new FlowClaims(resourceStore), workers,
                settings, brokerClock);
    }

    private static Dispatcher.AttemptObserver observers(ObjectProvider<Dispatcher.AttemptObserver> provider) {
        List<Dispatcher.AttemptObserver> observers = provider.orderedStream().toList();
        return (status, nanos) -> observers.forEach((observer) -> observer.attempted(status, nanos));
    }

    @Bean
    BrokerMaintenance brokerMaintenance(TransactionTemplate brokerTransactionTemplate, MessageStore messageStore,
            SigningKeys signingKeys, DeliveryDispatcher deliveryDispatcher, Settings settings, Clock brokerClock) {
        return new BrokerMaintenance(brokerTransactionTemplate, messageStore, signingKeys, deliveryDispatcher, settings,
                brokerClock);
    }

    @Bean
    Dispatcher dispatcher(DeliveryDispatcher deliveryDispatcher, BrokerMaintenance brokerMaintenance,
            SigningKeys signingKeys, ObjectProvider<Dispatcher.DueWork> dueWork) {
        return new DispatcherControls(deliveryDispatcher, brokerMaintenance, signingKeys, dueWork);
    }

    @Bean
    ApiResource keysResource(SigningKeys signingKeys) {
        return new KeysResource(signingKeys);
    }

    /**
     * How the broker delivers messages: every setting of the delivery package, in one
     * place.
     *
     * @param concurrency deliveries in flight at most
     * @param pollInterval how often delayed, retried and expired work is looked for
     * @param timeout the default (and largest) per-attempt timeout
     * @param connectTimeout the connection timeout
     * @param leaseMargin how long a claim outlives the timeout of its attempt
     * @param batchSize the most messages claimed or recorded in one transaction
     * @param maxResponseBytes the most bytes of a response kept
     * @param region the {@code Upstash-Region} sent with each delivery, or {@code null}
     * @param logRetention how long log entries are kept
     * @param currentSigningKey the configured current signing key
     * @param nextSigningKey the configured next signing key
     */
    public record Settings(int concurrency, Duration pollInterval, Duration timeout, Duration connectTimeout,
            Duration leaseMargin, int batchSize, int maxResponseBytes, @Nullable String region, Duration logRetention,
            String currentSigningKey, String nextSigningKey) {

        @Override
        public String toString() {
            return "Settings[concurrency=" + this.concurrency + ", pollInterval=" + this.pollInterval + ", timeout="
                    + this.timeout + ", connectTimeout=" + this.connectTimeout + ", leaseMargin=" + this.leaseMargin
                    + ", batchSize=" + this.batchSize + ", maxResponseBytes=" + this.maxResponseBytes + ", region="
                    + this.region + ", logRetention=" + this.logRetention + ", signing keys hidden]";
        }

    }

}
