package io.github.qstashspring.broker.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.github.qstashspring.broker.store.MessageStore;
import org.jspecify.annotations.Nullable;

/**
 * Deduplication by {@code Upstash-Deduplication-Id} or by content (SHA-256 over
 * destination, body, {@code Content-Type} and forwarded headers) within a window. Call
 * inside the publishing transaction.
 */
final class Deduplicator {

    private final MessageStore store;

    private final Duration window;

    /**
     * Creates a deduplicator.
     * @param store the store of the keys
     * @param window how long keys are remembered
     */
    Deduplicator(MessageStore store, Duration window) {
        this.store = store;
        this.window = window;
    }

    /**
     * The deduplication key of a publish, if it asks for deduplication.
     * @param command the publish
     * @return the key, or {@code null}
     */
    @Nullable String keyOf(PublishCommand command) {
        PublishOptions options = command.options();
        if (options.deduplicationId() != null) {
            return "id:" + options.deduplicationId();
        }
        if (!options.contentBasedDeduplication()) {
            return null;
        }
        MessageDigest digest = sha256();
        digest.update(command.destination().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(command.body());
        for (Map.Entry<String, List<String>> header : new TreeMap<>(options.headers()).entrySet()) {
            digest.update((byte) 0);
            digest
                .update((header.getKey() + ":" + String.join(",", header.getValue())).getBytes(StandardCharsets.UTF_8));
        }
        return "content:" + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The message an unexpired key produced.
     * @param key the key
     * @param now epoch milliseconds
     * @return the earlier message id, if any
     */
    Optional<String> existing(String key, long now) {
        return this.store.deduplicated(key, now);
    }

    /**
     * Remembers a key for the window. A key another publish remembered meanwhile is never
     * overwritten: the call fails instead, and the publish is retried.
     * @param key the key
     * @param messageId the message it produced
     * @param now epoch milliseconds
     * @throws org.springframework.dao.DataIntegrityViolationException when the key is
     * taken
     */
    void remember(String key, String messageId, long now) {
        this.store.rememberDeduplication(key, messageId, now + this.window.toMillis(), now);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
