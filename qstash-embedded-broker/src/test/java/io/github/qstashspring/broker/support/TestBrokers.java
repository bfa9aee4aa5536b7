package io.github.qstashspring.broker.support;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.QStashBrokerProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the brokers of a test (each on a random port of 127.0.0.1) and, after it, stops
 * them and disposes of their databases. Their deliveries get 2 s to finish when they stop
 * ({@code delivery.shutdown-timeout}), unless the test configures otherwise. Register it
 * as a field: {@code @RegisterExtension final TestBrokers brokers = new TestBrokers();}.
 */
public final class TestBrokers implements AfterEachCallback {

    private final Deque<EmbeddedQStashBroker> started = new ArrayDeque<>();

    private final Set<String> databases = new LinkedHashSet<>();

    /**
     * Starts a broker.
     * @param database the JDBC URL of its database ({@link TestDatabases})
     * @param clock its clock, or {@code null} for the system clock
     * @param configure changes to the default properties
     * @return the running broker
     */
    public EmbeddedQStashBroker start(String database, @Nullable Clock clock,
            Consumer<QStashBrokerProperties> configure) {
        QStashBrokerProperties properties = new QStashBrokerProperties();
        properties.setPort(0);
        properties.setAddress("127.0.0.1");
        // A test that ends with deliveries held by its receiver need not wait the default
        // 10 s for them when its brokers stop.
        properties.getDelivery().setShutdownTimeout(Duration.ofSeconds(2));
        configure.accept(properties);
        properties.getDatabase().setUrl(database);
        EmbeddedQStashBroker.Builder builder = EmbeddedQStashBroker.builder().properties(properties);
        if (clock != null) {
            builder.clock(clock);
        }
        this.databases.add(database);
        EmbeddedQStashBroker broker = builder.start();
        this.started.push(broker);
        return broker;
    }

    /**
     * Starts a broker with the default properties.
     * @param database the JDBC URL of its database
     * @param clock its clock, or {@code null} for the system clock
     * @return the running broker
     */
    public EmbeddedQStashBroker start(String database, @Nullable Clock clock) {
        return start(database, clock, (properties) -> {
        });
    }

    /**
     * Starts a broker on a fresh H2 database, with the system clock.
     * @param configure changes to the default properties
     * @return the running broker
     */
    public EmbeddedQStashBroker start(Consumer<QStashBrokerProperties> configure) {
        return start(TestDatabases.h2(), null, configure);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        while (!this.started.isEmpty()) {
            this.started.pop().close();
        }
        this.databases.forEach(TestDatabases::dispose);
        this.databases.clear();
    }

}
