package io.github.qstashspring.broker;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import io.github.qstashspring.broker.store.ResourceStore;
import org.jspecify.annotations.Nullable;

/**
 * The credentials a broker runs with, each from the first of: its property, QStash's
 * public development value (with {@code qstash.embedded.development-credentials}), a
 * random value generated once and kept in the broker's database (so a restart on the same
 * database keeps the application, its listeners and the dashboard working). The key of
 * the HMAC that redacted values are shown as is always generated and kept in the
 * database. {@link #toString()} never shows a value.
 *
 * @param token the token the API accepts
 * @param currentSigningKey the current signing key the pair is seeded with
 * @param nextSigningKey the next signing key the pair is seeded with
 * @param redactionKey the key of redacted values' HMAC
 * @param tokenGenerated whether the token was generated (not configured, not the public
 * one)
 */
record BrokerCredentials(String token, String currentSigningKey, String nextSigningKey, byte[] redactionKey,
        boolean tokenGenerated) {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * Reads the configured credentials, using or generating the others.
     * @param properties the broker's properties
     * @param store where generated values are kept
     * @return the credentials
     * @throws IllegalStateException when a configured token or key is empty (naming the
     * property)
     */
    static BrokerCredentials of(QStashBrokerProperties properties, ResourceStore store) {
        boolean development = properties.isDevelopmentCredentials();
        String configuredToken = configured("qstash.embedded.token", properties.getToken());
        String token = (configuredToken != null) ? configuredToken
                : development ? QStashBrokerProperties.DEV_TOKEN : store.secret("token", BrokerCredentials::newToken);
        String current = key("qstash.embedded.current-signing-key", properties.getCurrentSigningKey(),
                QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY, development, "current-signing-key-seed", store);
        String next = key("qstash.embedded.next-signing-key", properties.getNextSigningKey(),
                QStashBrokerProperties.DEV_NEXT_SIGNING_KEY, development, "next-signing-key-seed", store);
        byte[] redactionKey = Base64.getDecoder()
            .decode(store.secret("redaction-key", () -> Base64.getEncoder().encodeToString(randomBytes(32))));
        return new BrokerCredentials(token, current, next, redactionKey, configuredToken == null && !development);
    }

    /**
     * @return whether the token or a signing key is one of QStash's public development
     * values
     */
    boolean anyDevelopmentValue() {
        return isDevelopmentToken() || isDevelopmentKey(this.currentSigningKey)
                || isDevelopmentKey(this.nextSigningKey);
    }

    /**
     * @return whether the token is QStash's public development token
     */
    boolean isDevelopmentToken() {
        return this.token.equals(QStashBrokerProperties.DEV_TOKEN);
    }

    /**
     * @param key a signing key
     * @return whether it is one of QStash's public development keys
     */
    static boolean isDevelopmentKey(String key) {
        return key.equals(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY)
                || key.equals(QStashBrokerProperties.DEV_NEXT_SIGNING_KEY);
    }

    private static String key(String property, @Nullable String value, String developmentValue, boolean development,
            String secret, ResourceStore store) {
        String configured = configured(property, value);
        if (configured != null) {
            return configured;
        }
        return development ? developmentValue : store.secret(secret, store::newSigningKey);
    }

    private static @Nullable String configured(String property, @Nullable String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalStateException(property + " is empty: set a value, or leave it unset for a generated one");
        }
        return value;
    }

    /**
     * A token in the shape of QStash's (the official SDKs decode it): base64 of
     * {@code {"UserID":"...","Password":"..."}}.
     * @return a new random token
     */
    private static String newToken() {
        String json = "{\"UserID\":\"embedded-" + letters(12) + "\",\"Password\":\"" + letters(32) + "\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String letters(int length) {
        StringBuilder result = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            result.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return result.toString();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
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
        return "BrokerCredentials[values hidden, tokenGenerated=" + this.tokenGenerated + "]";
    }

}
