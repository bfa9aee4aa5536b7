package io.github.qstashspring.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the broker, bound from {@code qstash.embedded.*}: in the host
 * application in in-app mode, from the command line, environment or
 * {@code qstash-broker.yml} when standalone. The broker listens on the loopback interface
 * by default. The standalone broker uses QStash's official local-development credentials
 * (user 1 of {@code qstash dev}) by default, so the official SDKs in dev mode work
 * unchanged; the in-app broker generates its own (see
 * {@link #setDevelopmentCredentials(boolean)}).
 */
@ConfigurationProperties("qstash.embedded")
public final class QStashBrokerProperties {

    /**
     * The official local-development token of {@code qstash dev} (user 1). Public, not a
     * secret.
     */
    public static final String DEV_TOKEN = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=";

    /**
     * The official local-development current signing key (user 1). Public, not a secret.
     */
    public static final String DEV_CURRENT_SIGNING_KEY = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

    /** The official local-development next signing key (user 1). Public, not a secret. */
    public static final String DEV_NEXT_SIGNING_KEY = "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs";

    /**
     * Whether to start the broker inside the application (in-app mode). Ignored when
     * standalone.
     */
    private boolean enabled;

    /**
     * HTTP port of the broker's API. Standalone default 8080; in-app default 0 (a random
     * free port, handed to the application's QStash client).
     */
    private @Nullable Integer port;

    /**
     * Network address the broker's API binds to: the loopback interface by default, so
     * only this machine reaches it. {@code 0.0.0.0} (or another non-loopback address)
     * opens it to the network: the broker then refuses to start with the public
     * development token or signing keys unless
     * {@code allow-development-credentials-on-network} is set.
     */
    private String address = "127.0.0.1";

    /**
     * Host names the API answers besides the loopback names ({@code localhost},
     * {@code 127.0.0.1}, {@code [::1]}), the bound address and IP addresses: the names
     * clients and browsers reach the broker by (a container or service name, the public
     * name behind a proxy). A request with any other {@code Host} is answered 421, which
     * stops DNS rebinding; a browser page on one of these names (the dashboard behind a
     * proxy) may call the API.
     */
    private List<String> allowedHosts = new ArrayList<>();

    /**
     * Whether the broker uses QStash's public local-development token and signing keys
     * (user 1 of {@code qstash dev}) where {@code token} and the signing keys are not
     * set. The standalone broker's default is {@code true}, so the official SDKs in dev
     * mode find it; the in-app broker (and {@link EmbeddedQStashBroker#builder()})
     * default to {@code false}: a random token and random signing keys, generated once
     * per database and handed to the application.
     */
    private boolean developmentCredentials;

    /**
     * Lets a broker bound to a non-loopback {@code address} start with the public
     * development token or signing keys (anyone who can reach it can then publish, read
     * every message and forge deliveries). Logged as a warning at every start.
     */
    private boolean allowDevelopmentCredentialsOnNetwork;

    /**
     * Bearer token the API accepts (header or {@code qstash_token} query parameter). When
     * unset: the development token with {@code development-credentials}, otherwise a
     * random token generated once per database. Must not be empty.
     */
    private @Nullable String token;

    /**
     * A second token that may only read (GET requests, except the signing keys), like
     * QStash's read-only token. Writes with it are answered 403, and the headers named in
     * {@code read-only-redacted-headers} are shown to it redacted. None when unset.
     */
    private @Nullable String readOnlyToken;

    /**
     * Headers shown redacted ({@code REDACTED:<hmac>}) to the read-only token in
     * messages, the DLQ, logs and schedules: a message's headers, callback headers, their
     * forwarded forms ({@code Upstash-Forward-<name>},
     * {@code Upstash-Callback-Forward-<name>},
     * {@code Upstash-Failure-Callback-Forward-<name>}) and response headers. Names are
     * case-insensitive.
     */
    private List<String> readOnlyRedactedHeaders = new ArrayList<>(
            List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"));

    /**
     * Signing key deliveries are signed with, used until the first rotation through the
     * API. When unset: the development key with {@code development-credentials},
     * otherwise a random key generated once per database.
     */
    private @Nullable String currentSigningKey;

    /**
     * Next signing key, promoted to current by a rotation through the API. When unset:
     * the development key with {@code development-credentials}, otherwise a random key
     * generated once per database.
     */
    private @Nullable String nextSigningKey;

    /**
     * Largest accepted request body; larger publish or batch requests are answered 413.
     */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /**
     * Largest accepted {@code /v2/batch} request; each message's body is still limited by
     * max-body-size.
     */
    private DataSize maxBatchSize = DataSize.ofMegabytes(10);

    /**
     * How much of a refused request's body (413) the server reads and discards to keep
     * the connection open; past it the connection is closed.
     */
    private DataSize maxSwallowSize = DataSize.ofMegabytes(2);

    /** How long deduplication ids and content hashes are remembered. */
    private Duration deduplicationWindow = Duration.ofMinutes(10);

    /** How long log entries are kept. */
    private Duration logRetention = Duration.ofDays(3);

    private final Database database = new Database();

    private final Delivery delivery = new Delivery();

    private final Limits limits = new Limits();

    private final Dashboard dashboard = new Dashboard();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable Integer getPort() {
        return this.port;
    }

    public void setPort(@Nullable Integer port) {
        this.port = port;
    }

    public String getAddress() {
        return this.address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public List<String> getAllowedHosts() {
        return this.allowedHosts;
    }

    public void setAllowedHosts(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts;
    }

    public boolean isDevelopmentCredentials() {
        return this.developmentCredentials;
    }

    public void setDevelopmentCredentials(boolean developmentCredentials) {
        this.developmentCredentials = developmentCredentials;
    }

    public boolean isAllowDevelopmentCredentialsOnNetwork() {
        return this.allowDevelopmentCredentialsOnNetwork;
    }

    public void setAllowDevelopmentCredentialsOnNetwork(boolean allowDevelopmentCredentialsOnNetwork) {
        this.allowDevelopmentCredentialsOnNetwork = allowDevelopmentCredentialsOnNetwork;
    }

    public @Nullable String getToken() {
        return this.token;
    }

    public void setToken(@Nullable String token) {
        this.token = token;
    }

    public @Nullable String getReadOnlyToken() {
        return this.readOnlyToken;
    }

    public void setReadOnlyToken(@Nullable String readOnlyToken) {
        this.readOnlyToken = readOnlyToken;
    }

    public List<String> getReadOnlyRedactedHeaders() {
        return this.readOnlyRedactedHeaders;
    }

    public void setReadOnlyRedactedHeaders(List<String> readOnlyRedactedHeaders) {
        this.readOnlyRedactedHeaders = readOnlyRedactedHeaders;
    }

    public @Nullable String getCurrentSigningKey() {
        return this.currentSigningKey;
    }

    public void setCurrentSigningKey(@Nullable String currentSigningKey) {
        this.currentSigningKey = currentSigningKey;
    }

    public @Nullable String getNextSigningKey() {
        return this.nextSigningKey;
    }

    public void setNextSigningKey(@Nullable String nextSigningKey) {
        this.nextSigningKey = nextSigningKey;
    }

    public DataSize getMaxBodySize() {
        return this.maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public DataSize getMaxBatchSize() {
        return this.maxBatchSize;
    }

    public void setMaxBatchSize(DataSize maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public DataSize getMaxSwallowSize() {
        return this.maxSwallowSize;
    }

    public void setMaxSwallowSize(DataSize maxSwallowSize) {
        this.maxSwallowSize = maxSwallowSize;
    }

    public Duration getDeduplicationWindow() {
        return this.deduplicationWindow;
    }

    public void setDeduplicationWindow(Duration deduplicationWindow) {
        this.deduplicationWindow = deduplicationWindow;
    }

    public Duration getLogRetention() {
        return this.logRetention;
    }

    public void setLogRetention(Duration logRetention) {
        this.logRetention = logRetention;
    }

    public Database getDatabase() {
        return this.database;
    }

    public Delivery getDelivery() {
        return this.delivery;
    }

    public Limits getLimits() {
        return this.limits;
    }

    public Dashboard getDashboard() {
        return this.dashboard;
    }

    /**
     * The broker's own database, separate from any DataSource of the host application.
     */
    public static final class Database {

        /**
         * JDBC URL: {@code jdbc:h2:file:...}, {@code jdbc:h2:mem:...} or
         * {@code jdbc:postgresql://...}. H2 file URLs get {@code WRITE_DELAY=0} added so
         * that acknowledged messages survive a crash.
         */
        private String url = "jdbc:h2:file:./.qstash/broker";

        /** Database user. */
        private @Nullable String username;

        /** Database password. */
        private @Nullable String password;

        /** Largest number of pooled connections. */
        private int maxPoolSize = 10;

        public String getUrl() {
            return this.url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public @Nullable String getUsername() {
            return this.username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public int getMaxPoolSize() {
            return this.maxPoolSize;
        }

        public void setMaxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
        }

    }

    /** How the dispatcher delivers messages. */
    public static final class Delivery {

        /** Largest number of deliveries in flight at once. */
        private int concurrency = 32;

        /** How often delayed, retried and orphaned messages are looked for. */
        private Duration pollInterval = Duration.ofSeconds(1);

        /**
         * Per-attempt timeout when the message sets none; also the cap of
         * {@code Upstash-Timeout}.
         */
        private Duration timeout = Duration.ofMinutes(15);

        /** Connect timeout of deliveries. */
        private Duration connectTimeout = Duration.ofSeconds(10);

        /** Retries of a message that does not set {@code Upstash-Retries}. */
        private int defaultRetries = 3;

        /** Largest accepted {@code Upstash-Retries}. */
        private int maxRetries = 20;

        /** Added to the attempt timeout to form the lease of a claimed message. */
        private Duration leaseMargin = Duration.ofSeconds(60);

        /** Largest number of messages claimed or outcomes recorded in one transaction. */
        private int batchSize = 200;

        /**
         * Region named in the Upstash-Region header of every delivery (for example
         * "US-EAST-1"), to try a receiver's per-region signing keys (qstash.regions)
         * locally. Unset sends no such header.
         */
        private @Nullable String region;

        /**
         * How often this broker writes its heartbeat into the database, where the other
         * brokers sharing it see that it is alive.
         */
        private Duration heartbeatInterval = Duration.ofSeconds(3);

        /**
         * How long a broker may write no heartbeat before any other broker on the same
         * database (or its own restart) takes it for dead and releases its claims, so
         * that the messages it was delivering are delivered again. At least twice the
         * heartbeat interval.
         */
        private Duration instanceTimeout = Duration.ofSeconds(10);

        /**
         * How long a stop waits for the deliveries in flight to finish (their outcomes
         * are recorded, so a message delivered then is not delivered again after a
         * restart). Deliveries not started, and those still running then, are released
         * for redelivery.
         */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        /**
         * Largest number of deliveries to one destination host in flight at once (the
         * host name of the URL as written: "localhost" and "127.0.0.1" are two hosts, two
         * ports of one host are one), so that a host that answers slowly cannot take
         * every delivery slot from the others. Messages beyond it wait, pending.
         */
        private int maxPerHost = 8;

        private final Destinations destinations = new Destinations();

        public int getConcurrency() {
            return this.concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public Duration getPollInterval() {
            return this.pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public int getDefaultRetries() {
            return this.defaultRetries;
        }

        public void setDefaultRetries(int defaultRetries) {
            this.defaultRetries = defaultRetries;
        }

        public int getMaxRetries() {
            return this.maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getLeaseMargin() {
            return this.leaseMargin;
        }

        public void setLeaseMargin(Duration leaseMargin) {
            this.leaseMargin = leaseMargin;
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public @Nullable String getRegion() {
            return this.region;
        }

        public void setRegion(@Nullable String region) {
            this.region = region;
        }

        public Duration getHeartbeatInterval() {
            return this.heartbeatInterval;
        }

        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }

        public Duration getInstanceTimeout() {
            return this.instanceTimeout;
        }

        public void setInstanceTimeout(Duration instanceTimeout) {
            this.instanceTimeout = instanceTimeout;
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public int getMaxPerHost() {
            return this.maxPerHost;
        }

        public void setMaxPerHost(int maxPerHost) {
            this.maxPerHost = maxPerHost;
        }

        public Destinations getDestinations() {
            return this.destinations;
        }

        /**
         * Which destinations deliveries and callbacks may reach, judged on the address
         * each connection goes to. Link-local and cloud metadata addresses and the
         * broker's own API are always denied.
         */
        public static final class Destinations {

            /**
             * "dev" (loopback and private networks allowed) or "production" (loopback and
             * private networks denied unless allowed below).
             */
            private String preset = "dev";

            /**
             * Host names always allowed (unless denied), "*.example.com" for every name
             * under example.com.
             */
            private List<String> allowHosts = new ArrayList<>();

            /** Host names denied, "*.example.com" for every name under example.com. */
            private List<String> denyHosts = new ArrayList<>();

            /** Networks allowed (unless denied), in CIDR notation, e.g. 10.1.0.0/16. */
            private List<String> allowNetworks = new ArrayList<>();

            /** Networks denied, in CIDR notation. */
            private List<String> denyNetworks = new ArrayList<>();

            public String getPreset() {
                return this.preset;
            }

            public void setPreset(String preset) {
                this.preset = preset;
            }

            public List<String> getAllowHosts() {
                return this.allowHosts;
            }

            public void setAllowHosts(List<String> allowHosts) {
                this.allowHosts = allowHosts;
            }

            public List<String> getDenyHosts() {
                return this.denyHosts;
            }

            public void setDenyHosts(List<String> denyHosts) {
                this.denyHosts = denyHosts;
            }

            public List<String> getAllowNetworks() {
                return this.allowNetworks;
            }

            public void setAllowNetworks(List<String> allowNetworks) {
                this.allowNetworks = allowNetworks;
            }

            public List<String> getDenyNetworks() {
                return this.denyNetworks;
            }

            public void setDenyNetworks(List<String> denyNetworks) {
                this.denyNetworks = denyNetworks;
            }

        }

    }

    /** The web dashboard at {@code /dashboard/} on the broker's port. */
    public static final class Dashboard {

        /**
         * Whether to serve the web dashboard at {@code /dashboard/}. Its page and scripts
         * hold no data and are served without the token; the dashboard calls the
         * {@code /v2} API with the token the user enters, so the API stays protected
         * either way.
         */
        private boolean enabled = true;

        /**
         * In-app mode: a file, readable by its owner only, that receives a link opening
         * the dashboard with the broker's generated token at every start. Defaults to
         * {@code dashboard-login.url} next to an H2 file database (which holds the same
         * token); none for other databases unless set.
         */
        private @Nullable String loginFile;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getLoginFile() {
            return this.loginFile;
        }

        public void setLoginFile(@Nullable String loginFile) {
            this.loginFile = loginFile;
        }

    }

    /**
     * QStash's limits. The rate limits are off by default: set them to see an
     * application's handling of QStash's 429 answers locally. The input limits have
     * QStash's numbers (pay-as-you-go plan); a request past one is answered 400 (412 for
     * URL group endpoints), naming the header.
     */
    public static final class Limits {

        /**
         * Longest {@code Upstash-Delay} (also of callbacks) and farthest
         * {@code Upstash-Not-Before} ahead of now.
         */
        private Duration maxDelay = Duration.ofDays(365);

        /** Longest period of {@code Upstash-Flow-Control-Value}. */
        private Duration maxFlowControlPeriod = Duration.ofDays(7);

        /** Largest number of messages in one {@code /v2/batch} request. */
        private int maxBatchMessages = 1000;

        /** Largest number of endpoints in one URL group. */
        private int maxUrlGroupEndpoints = 100;

        /**
         * Messages accepted per UTC day (publish and enqueue count one, a batch its
         * entries); more are answered 429 with the RateLimit-Limit, -Remaining and -Reset
         * headers. No limit when unset.
         */
        private @Nullable Integer dailyMessages;

        /**
         * API requests other than publish, enqueue and batch accepted per second; more
         * are answered 429 with the Burst-RateLimit-Limit, -Remaining and -Reset headers.
         * No limit when unset.
         */
        private @Nullable Integer burstRequestsPerSecond;

        public Duration getMaxDelay() {
            return this.maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public Duration getMaxFlowControlPeriod() {
            return this.maxFlowControlPeriod;
        }

        public void setMaxFlowControlPeriod(Duration maxFlowControlPeriod) {
            this.maxFlowControlPeriod = maxFlowControlPeriod;
        }

        public int getMaxBatchMessages() {
            return this.maxBatchMessages;
        }

        public void setMaxBatchMessages(int maxBatchMessages) {
            this.maxBatchMessages = maxBatchMessages;
        }

        public int getMaxUrlGroupEndpoints() {
            return this.maxUrlGroupEndpoints;
        }

        public void setMaxUrlGroupEndpoints(int maxUrlGroupEndpoints) {
            this.maxUrlGroupEndpoints = maxUrlGroupEndpoints;
        }

        public @Nullable Integer getDailyMessages() {
            return this.dailyMessages;
        }

        public void setDailyMessages(@Nullable Integer dailyMessages) {
            this.dailyMessages = dailyMessages;
        }

        public @Nullable Integer getBurstRequestsPerSecond() {
            return this.burstRequestsPerSecond;
        }

        public void setBurstRequestsPerSecond(@Nullable Integer burstRequestsPerSecond) {
            this.burstRequestsPerSecond = burstRequestsPerSecond;
        }

    }

}
