package io.github.qstashspring.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.qstashspring.broker.dashboard.DashboardServlet;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.StoredMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A running broker in its own, isolated Spring application context: it reads no
 * configuration files and none of the surrounding application's properties or beans,
 * re-initialises no logging, and listens on its own port. Used by the in-app mode and
 * directly by tests:
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock();
 * try (EmbeddedQStashBroker broker = EmbeddedQStashBroker.builder()
 *         .databaseUrl("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")
 *         .clock(clock)
 *         .start()) {
 *     // publish to broker.getUrl() + "/v2/publish/..." with broker.getToken()
 *     broker.advanceClock(Duration.ofSeconds(13)); // the first retry is due: delivered now
 * }
 * }</pre>
 */
public final class EmbeddedQStashBroker implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private final QStashBrokerProperties properties;

    private final @Nullable Clock clock;

    private final String url;

    private EmbeddedQStashBroker(ConfigurableApplicationContext context, QStashBrokerProperties properties,
            @Nullable Clock clock) {
        this.context = context;
        this.properties = properties;
        this.clock = clock;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.url = context.getBean(BrokerAddress.class).url(port);
    }

    /**
     * Starts configuring a broker.
     * @return a builder with the defaults of {@link QStashBrokerProperties} (on
     * {@code 127.0.0.1}, with a token and signing keys generated for its database) and a
     * random port
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the base URL of the API, e.g. {@code http://127.0.0.1:53121} (no trailing
     * slash)
     */
    public String getUrl() {
        return this.url;
    }

    /**
     * @return the port the API listens on
     */
    public int getPort() {
        return ((WebServerApplicationContext) this.context).getWebServer().getPort();
    }

    /**
     * @return the token the API accepts: the configured one, QStash's public development
     * token, or the token generated for the broker's database (see
     * {@link QStashBrokerProperties#setDevelopmentCredentials(boolean)})
     */
    public String getToken() {
        return this.context.getBean(BrokerCredentials.class).token();
    }

    /**
     * @return the URL of the web dashboard ({@code <url>/dashboard/}), or {@code null}
     * when it is disabled
     */
    public @Nullable String getDashboardUrl() {
        return this.properties.getDashboard().isEnabled() ? this.url + DashboardServlet.PATH + "/" : null;
    }

    /**
     * @return the key deliveries are currently signed with
     */
    public String getCurrentSigningKey() {
        return dispatcher().currentSigningKey();
    }

    /**
     * @return the next signing key
     */
    public String getNextSigningKey() {
        return dispatcher().nextSigningKey();
    }

    /**
     * Looks for due work now (cron ticks, delayed and retried messages whose time has
     * come on the broker's clock, claims whose lease expired) instead of at the next
     * poll: due ticks are fired and expired claims released before it returns, and the
     * schedule ticker aims anew at the next tick (after a move of the clock). Deliveries
     * happen in the background.
     */
    public void runDueWork() {
        dispatcher().runDueWork();
    }

    /**
     * Advances the broker's {@link MutableClock} (or {@link FastForwardClock}) and runs
     * the work that became due.
     * @param amount how far to move the clock
     * @throws IllegalStateException when the broker was not started with one of these
     * clocks
     */
    public void advanceClock(Duration amount) {
        if (this.clock instanceof MutableClock mutable) {
            mutable.advance(amount);
        }
        else if (this.clock instanceof FastForwardClock running) {
            running.advance(amount);
        }
        else {
            throw new IllegalStateException(
                    "advanceClock needs a broker started with a MutableClock or a FastForwardClock");
        }
        runDueWork();
    }

    /**
     * Whether no delivery is running or waiting to be recorded.
     * @return whether the dispatcher is idle
     */
    public boolean isIdle() {
        return dispatcher().isIdle();
    }

    /**
     * Whether the database holds messages claimed for delivery, by this broker or by
     * another one sharing the database (a claim outlives its broker until its lease
     * expires).
     * @return whether a message is being delivered
     */
    public boolean hasClaimedMessages() {
        return this.context.getBean(MessageStore.class).count(StoredMessage.State.ACTIVE) > 0;
    }

    /**
     * Deletes the broker's message data: messages (waiting, delayed, being retried and in
     * the dead letter queue), logs and deduplication ids. Configuration stays: signing
     * keys, queues, flow-control keys, schedules and URL groups. A delivery running at
     * that moment still ends; its outcome is ignored.
     */
    public void deleteMessageData() {
        this.context.getBean(MessageStore.class).deleteMessageData();
    }

    /**
     * What the broker is doing: whether its database answers and its dispatcher runs, how
     * many messages wait, are being delivered or are in the dead letter queue, and how
     * long the oldest due message has waited. The counts are read from the database at
     * most every 5 seconds, however often this is called.
     * @return the status
     */
    public Status status() {
        return this.context.getBean(BrokerMonitor.class).status();
    }

    private Dispatcher dispatcher() {
        return this.context.getBean(Dispatcher.class);
    }

    /**
     * @return the broker's application context (for tests that need its beans)
     */
    public ConfigurableApplicationContext getApplicationContext() {
        return this.context;
    }

    /**
     * Stops the broker: the API closes, running deliveries are abandoned (and redelivered
     * later).
     */
    @Override
    public void close() {
        this.context.close();
    }

    /**
     * What the broker is doing, as its health indicator, its section of the
     * {@code qstash} actuator endpoint and its meters show it. The counts are read from
     * the database at most every 5 seconds and stop at 100,000 (a count of 100,000 means
     * at least as many); {@code inFlight} and {@code dispatching} are read live.
     *
     * @param databaseReachable whether the last read of the counts succeeded
     * @param databaseError why it failed, or {@code null}
     * @param dispatching whether the dispatcher is started and its claim loop alive
     * @param inFlight deliveries this broker is running now
     * @param queued messages waiting for their turn in a FIFO queue
     * @param pending messages waiting for their delivery time (delayed, to be retried, or
     * due and waiting for a free slot)
     * @param active messages claimed for delivery, by this broker or another one sharing
     * the database
     * @param deadLetters messages in the dead letter queue
     * @param oldestDueAge how long the longest-waiting due message has been due, or
     * {@code null} when none is due and unclaimed
     * @param readAt when the counts were read, on the broker's clock
     */
    public record Status(boolean databaseReachable, @Nullable String databaseError, boolean dispatching, int inFlight,
            long queued, long pending, long active, long deadLetters, @Nullable Duration oldestDueAge, Instant readAt) {

        /**
         * Whether the broker can take and deliver messages: its database answers and its
         * dispatcher runs.
         * @return whether it is up
         */
        public boolean isUp() {
            return this.databaseReachable && this.dispatching;
        }

    }

    /** Configures and starts an {@link EmbeddedQStashBroker}. */
    public static final class Builder {

        private QStashBrokerProperties properties = new QStashBrokerProperties();

        private @Nullable Clock clock;

        private @Nullable MeterRegistry meterRegistry;

        private Builder() {
        }

        /**
         * Uses the given properties (all of {@code qstash.embedded.*}).
         * @param properties the properties
         * @return this builder
         */
        public Builder properties(QStashBrokerProperties properties) {
            this.properties = Objects.requireNonNull(properties, "properties");
            return this;
        }

        /**
         * Sets the port; {@code 0} (the default here) picks a free one.
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            this.properties.setPort(port);
            return this;
        }

        /**
         * Sets the database.
         * @param jdbcUrl an H2 or PostgreSQL JDBC URL
         * @return this builder
         */
        public Builder databaseUrl(String jdbcUrl) {
            this.properties.getDatabase().setUrl(jdbcUrl);
            return this;
        }

        /**
         * Sets the clock the broker reads time from; pass a {@link MutableClock} to move
         * time in tests.
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Registers the broker's meters (messages by state, dead letter queue, deliveries
         * in flight, by outcome and their duration) in the given registry, for as long as
         * the broker runs. The in-app mode passes the application's registry.
         * @param registry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Starts the broker and waits until its API listens.
         * @return the running broker
         */
        public EmbeddedQStashBroker start() {
            QStashBrokerProperties props = this.properties;
            Clock brokerClock = this.clock;
            Object registry = this.meterRegistry;
            SpringApplication application = BrokerSpringApplication.create();
            application.setWebApplicationType(WebApplicationType.SERVLET);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            application.setRegisterShutdownHook(false);
            // No application listeners: no config files are read and logging is not
            // re-initialised.
            application.setListeners(List.of());
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources()
                .addFirst(new MapPropertySource("qstashEmbeddedBroker", serverProperties(props)));
            application.setEnvironment(environment);
            application.addInitializers((context) -> {
                context.getBeanFactory().registerSingleton("qstashBrokerProperties", props);
                if (brokerClock != null) {
                    context.getBeanFactory().registerSingleton("brokerClock", brokerClock);
                }
                if (registry != null) {
                    context.getBeanFactory().registerSingleton("brokerMeterRegistry", registry);
                }
            });
            ConfigurableApplicationContext context = BrokerSpringApplication.run(application);
            return new EmbeddedQStashBroker(context, props, brokerClock);
        }

        private static Map<String, Object> serverProperties(QStashBrokerProperties properties) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("server.port", (properties.getPort() != null) ? properties.getPort() : 0);
            server.put("server.address", properties.getAddress());
            server.put("server.tomcat.max-swallow-size", properties.getMaxSwallowSize().toBytes() + "B");
            server.put("spring.main.web-application-type", "servlet");
            server.put("spring.jmx.enabled", "false");
            return server;
        }

    }

}
