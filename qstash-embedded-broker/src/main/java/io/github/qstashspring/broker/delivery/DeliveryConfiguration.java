package io.github.qstashspring.broker.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;
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
    BrokerPort brokerPort() {
        return new BrokerPort();
    }

    @Bean
    DestinationPolicy destinationPolicy(Settings settings, BrokerPort brokerPort) {
        return new DestinationPolicy(settings.destinations(), brokerPort);
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(TransactionTemplate brokerTransactionTemplate,
            @Qualifier("brokerGroupCommit") TransactionOperations groupCommit, MessageStore messageStore,
            ResourceStore resourceStore, SigningKeys signingKeys, Settings settings, JsonMapper brokerJsonMapper,
            Clock brokerClock, DestinationPolicy destinationPolicy,
            ObjectProvider<Dispatcher.AttemptObserver> attemptObservers,
            ObjectProvider<Dispatcher.WorkflowOutcomes> workflowOutcomes) {
        // Looked up when first used: the workflow outcomes publish through the
        // dispatcher.
        OutcomeRecorder outcomes = new OutcomeRecorder(groupCommit, messageStore,
                new CallbackMessages(brokerJsonMapper), brokerClock,
                SingletonSupplier.ofNullable(workflowOutcomes::getIfAvailable));
        HttpDeliverer deliverer = new HttpDeliverer(settings.concurrency(), settings.connectTimeout(),
                settings.timeout(), settings.maxResponseBytes(), settings.region(),
                new PolicyDnsResolver(destinationPolicy));
        DeliveryWorkers workers = new DeliveryWorkers(deliverer, signingKeys, outcomes, settings.concurrency(),
                settings.batchSize(), settings.maxPerHost(), observers(attemptObservers));
        return new DeliveryDispatcher(brokerTransactionTemplate, messageStore, new FlowClaims(resourceStore), workers,
                settings, brokerClock);
    }

    private static Dispatcher.AttemptObserver observers(ObjectProvider<Dispatcher.AttemptObserver> provider) {
        List<Dispatcher.AttemptObserver> observers = provider.orderedStream().toList();
        return (status, nanos) -> observers.forEach((observer) -> observer.attempted(status, nanos));
    }

    @Bean
    BrokerMaintenance brokerMaintenance(TransactionTemplate brokerTransactionTemplate, MessageStore messageStore,
            SigningKeys signingKeys, ObjectProvider<DeliveryDispatcher> deliveryDispatcher, Settings settings,
            Clock brokerClock) {
        // Looked up when used, not injected: Spring stops the beans that depend on a bean
        // before it, and the maintenance must stop after the dispatcher (phases).
        return new BrokerMaintenance(brokerTransactionTemplate, messageStore, signingKeys,
                deliveryDispatcher::getObject, settings, brokerClock);
    }

    @Bean
    Dispatcher dispatcher(DeliveryDispatcher deliveryDispatcher, BrokerMaintenance brokerMaintenance,
            SigningKeys signingKeys, ObjectProvider<Dispatcher.DueWork> dueWork, DestinationPolicy destinationPolicy) {
        return new DispatcherControls(deliveryDispatcher, brokerMaintenance, signingKeys, dueWork, destinationPolicy);
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
     * @param heartbeatInterval how often this instance writes its heartbeat
     * @param instanceTimeout how long an instance may go without a heartbeat before its
     * claims are released
     * @param shutdownTimeout how long a stop waits for the attempts in flight
     * @param maxPerHost deliveries to one destination host in flight at most
     * @param destinations which destinations deliveries and callbacks may reach
     */
    public record Settings(int concurrency, Duration pollInterval, Duration timeout, Duration connectTimeout,
            Duration leaseMargin, int batchSize, int maxResponseBytes, @Nullable String region, Duration logRetention,
            String currentSigningKey, String nextSigningKey, Duration heartbeatInterval, Duration instanceTimeout,
            Duration shutdownTimeout, int maxPerHost, Destinations destinations) {

        /**
         * Checks the settings that depend on each other.
         * @throws IllegalArgumentException naming the property that is out of range
         */
        public Settings {
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("qstash.embedded.delivery.heartbeat-interval must be positive");
            }
            if (instanceTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("qstash.embedded.delivery.instance-timeout (" + instanceTimeout
                        + ") must be at least twice qstash.embedded.delivery.heartbeat-interval (" + heartbeatInterval
                        + ")");
            }
            if (maxPerHost < 1) {
                throw new IllegalArgumentException("qstash.embedded.delivery.max-per-host must be at least 1");
            }
            if (shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("qstash.embedded.delivery.shutdown-timeout must not be negative");
            }
        }

        @Override
        public String toString() {
            return "Settings[concurrency=" + this.concurrency + ", pollInterval=" + this.pollInterval + ", timeout="
                    + this.timeout + ", connectTimeout=" + this.connectTimeout + ", leaseMargin=" + this.leaseMargin
                    + ", batchSize=" + this.batchSize + ", maxResponseBytes=" + this.maxResponseBytes + ", region="
                    + this.region + ", logRetention=" + this.logRetention + ", heartbeatInterval="
                    + this.heartbeatInterval + ", instanceTimeout=" + this.instanceTimeout + ", shutdownTimeout="
                    + this.shutdownTimeout + ", signing keys hidden]";
        }

    }

    /**
     * Which destinations deliveries and callbacks may reach (link-local and cloud
     * metadata addresses and the broker's own API never).
     *
     * @param production whether loopback and private addresses are denied unless allowed
     * @param allowHosts host names allowed ({@code *.example.com} for every name under
     * it)
     * @param denyHosts host names denied
     * @param allowNetworks networks allowed (CIDR)
     * @param denyNetworks networks denied (CIDR)
     */
    public record Destinations(boolean production, List<String> allowHosts, List<String> denyHosts,
            List<String> allowNetworks, List<String> denyNetworks) {

        /**
         * Checks the networks.
         * @throws IllegalArgumentException naming the property whose entry is not a
         * network
         */
        public Destinations {
            allowHosts = List.copyOf(allowHosts);
            denyHosts = List.copyOf(denyHosts);
            allowNetworks = checked(allowNetworks, "allow-networks");
            denyNetworks = checked(denyNetworks, "deny-networks");
        }

        /**
         * Reads the preset's name.
         * @param preset {@code dev} or {@code production}
         * @return whether it is {@code production}
         * @throws IllegalArgumentException when it is neither
         */
        public static boolean isProduction(String preset) {
            return switch (preset.trim().toLowerCase(Locale.ROOT)) {
                case "dev" -> false;
                case "production" -> true;
                default -> throw new IllegalArgumentException(
                        "qstash.embedded.delivery.destinations.preset must be dev or production, not " + preset);
            };
        }

        private static List<String> checked(List<String> networks, String property) {
            for (String network : networks) {
                try {
                    Cidr.parse(network);
                }
                catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("qstash.embedded.delivery.destinations." + property
                            + " must hold IP networks (CIDR, e.g. 10.0.0.0/8), not " + network, ex);
                }
            }
            return List.copyOf(networks);
        }

    }

}
