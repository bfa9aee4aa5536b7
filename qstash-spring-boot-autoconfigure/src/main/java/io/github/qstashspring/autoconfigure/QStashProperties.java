package io.github.qstashspring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.github.qstashspring.client.HttpTransport;

/**
 * Configuration of QStash under the {@code qstash.} prefix. The standard QStash
 * environment variables {@code QSTASH_URL}, {@code QSTASH_TOKEN},
 * {@code QSTASH_CURRENT_SIGNING_KEY} and {@code QSTASH_NEXT_SIGNING_KEY} bind to these
 * properties with no further configuration.
 */
@ConfigurationProperties("qstash")
public class QStashProperties {

    /** Default base URL of QStash: the EU region. */
    public static final String DEFAULT_URL = "https://qstash.upstash.io";

    /**
     * Base URL of the QStash API, without "/v2". Defaults to the EU region; use
     * "https://qstash-us-east-1.upstash.io" for the US region.
     */
    private String url = DEFAULT_URL;

    /**
     * QStash token, sent as "Authorization: Bearer <token>". Environment variable:
     * QSTASH_TOKEN.
     */
    private @Nullable String token;

    /**
     * Key QStash currently signs deliveries with, used to verify them. Environment
     * variable: QSTASH_CURRENT_SIGNING_KEY.
     */
    private @Nullable String currentSigningKey;

    /**
     * Key QStash signs with after the next key rotation, accepted as well so that a
     * rotation does not reject deliveries. Environment variable: QSTASH_NEXT_SIGNING_KEY.
     */
    private @Nullable String nextSigningKey;

    /**
     * Signing keys of further QStash regions, by region name (for example "us-east-1"),
     * for an application that receives from more than one region while it migrates. A
     * delivery whose Upstash-Region header names a region listed here is verified with
     * that region's keys; any other delivery with current-signing-key and
     * next-signing-key.
     */
    private final Map<String, RegionSigningKeys> regions = new LinkedHashMap<>();

    private final Client client = new Client();

    private final Listener listener = new Listener();

    private final Schedule schedule = new Schedule();

    private final Workflow workflow = new Workflow();

    public String getUrl() {
        return this.url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public @Nullable String getToken() {
        return this.token;
    }

    public void setToken(@Nullable String token) {
        this.token = token;
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

    public Map<String, RegionSigningKeys> getRegions() {
        return this.regions;
    }

    public Client getClient() {
        return this.client;
    }

    public Listener getListener() {
        return this.listener;
    }

    public Schedule getSchedule() {
        return this.schedule;
    }

    public Workflow getWorkflow() {
        return this.workflow;
    }

    /** The signing keys of one QStash region. */
    public static class RegionSigningKeys {

        /**
         * Key the region currently signs deliveries with (for example
         * US_EAST_1_QSTASH_CURRENT_SIGNING_KEY).
         */
        private @Nullable String currentSigningKey;

        /**
         * Key the region signs with after its next rotation (for example
         * US_EAST_1_QSTASH_NEXT_SIGNING_KEY).
         */
        private @Nullable String nextSigningKey;

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

    }

    /** Settings of the HTTP client that calls the QStash API. */
    public static class Client {

        /**
         * Time allowed to open a connection to QStash (with HttpClient 5, also to wait
         * for a free pooled connection).
         */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /** Time allowed for QStash to answer one API request. */
        private Duration readTimeout = Duration.ofSeconds(60);

        /**
         * HTTP client of the API calls: "detect" uses Apache HttpClient 5 when it is on
         * the class path (the starter brings it) and the JDK HttpClient otherwise;
         * "http-components" or "jdk" choose one.
         */
        private HttpTransport httpTransport = HttpTransport.DETECT;

        /**
         * Most connections Apache HttpClient 5 keeps open to QStash; a call that finds
         * them all busy waits up to connect-timeout for one. The JDK HttpClient has no
         * such limit.
         */
        private int maxConnections = 100;

        private final Retry retry = new Retry();

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return this.readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public HttpTransport getHttpTransport() {
            return this.httpTransport;
        }

        public void setHttpTransport(HttpTransport httpTransport) {
            this.httpTransport = httpTransport;
        }

        public int getMaxConnections() {
            return this.maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public Retry getRetry() {
            return this.retry;
        }

    }

    /**
     * Retries of API calls that failed on the network (connection refused or reset,
     * timeout). A call that got an HTTP answer, even an error status, is never retried.
     */
    public static class Retry {

        /** Whether API calls that failed on the network are retried. */
        private boolean enabled = true;

        /**
         * How many times a call is retried after the first attempt failed on the network.
         */
        private int maxRetries = 5;

        /**
         * Base of the exponential backoff: the n-th retry waits base * e^n (as the
         * official JavaScript SDK does with a 50 ms base).
         */
        private Duration backoffBase = Duration.ofMillis(50);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxRetries() {
            return this.maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getBackoffBase() {
            return this.backoffBase;
        }

        public void setBackoffBase(Duration backoffBase) {
            this.backoffBase = backoffBase;
        }

    }

    /** Settings of the {@code @QStashListener} endpoints. */
    public static class Listener {

        /**
         * Whether methods annotated with @QStashListener are exposed as endpoints.
         * Controllers annotated with @QStashVerified stay protected either way.
         */
        private boolean enabled = true;

        /**
         * Public base URL of this application as QStash reaches it (for example
         * "https://my-app.example.com" behind a proxy or tunnel). Used to check the
         * signature's URL claim and to build the URLs of annotated schedules. When not
         * set, the URL is taken from the request (honouring forwarded headers if
         * server.forward-headers-strategy is set).
         */
        private @Nullable String baseUrl;

        /**
         * Whether the signature's "sub" claim must equal the URL the request was received
         * on. Turn off only when neither base-url nor forwarded headers can give the
         * public URL.
         */
        private boolean verifyUrl = true;

        /** How far the signature's exp and nbf claims may be off the local clock. */
        private Duration clockTolerance = Duration.ofSeconds(5);

        /**
         * Largest request body a listener or @QStashVerified handler accepts; larger
         * signed requests are answered 413. The default matches QStash's pay-as-you-go
         * message size limit; raise it on plans with larger messages.
         */
        private DataSize maxBodySize = DataSize.ofMegabytes(10);

        private final Duplicates duplicates = new Duplicates();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getBaseUrl() {
            return this.baseUrl;
        }

        public void setBaseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public boolean isVerifyUrl() {
            return this.verifyUrl;
        }

        public void setVerifyUrl(boolean verifyUrl) {
            this.verifyUrl = verifyUrl;
        }

        public Duration getClockTolerance() {
            return this.clockTolerance;
        }

        public void setClockTolerance(Duration clockTolerance) {
            this.clockTolerance = clockTolerance;
        }

        public DataSize getMaxBodySize() {
            return this.maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public Duplicates getDuplicates() {
            return this.duplicates;
        }

    }

    /**
     * The in-memory store of processed message ids used by listeners with skipDuplicates.
     * Ignored when the application declares its own QStashDuplicateStore bean.
     */
    public static class Duplicates {

        /**
         * How long a processed message id is remembered. Covers QStash's default retries
         * (about 33 minutes for 3 retries) with room for longer retry policies.
         */
        private Duration timeToLive = Duration.ofHours(24);

        /**
         * How many processed message ids are remembered at most; the oldest are forgotten
         * first.
         */
        private int maxEntries = 100_000;

        public Duration getTimeToLive() {
            return this.timeToLive;
        }

        public void setTimeToLive(Duration timeToLive) {
            this.timeToLive = timeToLive;
        }

        public int getMaxEntries() {
            return this.maxEntries;
        }

        public void setMaxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
        }

    }

    /** Settings of {@code @QStashSchedule} synchronisation. */
    public static class Schedule {

        /**
         * Whether schedules declared with @QStashSchedule are created, updated and
         * removed in QStash at startup.
         */
        private boolean enabled = true;

        /**
         * First part of the ids of this application's schedules ("<id-prefix>.<name>"):
         * letters, digits, '-' and '_'. Schedules whose id starts with "<id-prefix>." are
         * considered created by this application and are removed when no @QStashSchedule
         * method declares them any more. Defaults to spring.application.name. When set,
         * the synchronisation also runs without any @QStashSchedule method, removing the
         * schedules left by earlier versions.
         */
        private @Nullable String idPrefix;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getIdPrefix() {
            return this.idPrefix;
        }

        public void setIdPrefix(@Nullable String idPrefix) {
            this.idPrefix = idPrefix;
        }

    }

    /** Settings of the {@code @QStashWorkflow} endpoints. */
    public static class Workflow {

        /**
         * Whether methods annotated with @QStashWorkflow are exposed as Upstash Workflow
         * endpoints.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

    }

}
