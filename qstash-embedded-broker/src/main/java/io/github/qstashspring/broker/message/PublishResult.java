package io.github.qstashspring.broker.message;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer for one accepted message, or for one publish to a URL group (one result per
 * endpoint).
 *
 * @param messageId the message id ({@code ""} for a URL group)
 * @param url the destination called (the group name for a URL group)
 * @param deduplicated whether an earlier message with the same deduplication key was
 * found
 * @param endpoints for a URL group, one result per endpoint; {@code null} for a URL
 */
record PublishResult(String messageId, String url, boolean deduplicated, @Nullable List<PublishResult> endpoints) {

    PublishResult(String messageId, String url, boolean deduplicated) {
        this(messageId, url, deduplicated, null);
    }

    /**
     * @return the ids of the messages: this one, or those of each endpoint
     */
    List<String> messageIds() {
        return (this.endpoints != null) ? this.endpoints.stream().map(PublishResult::messageId).toList()
                : List.of(this.messageId);
    }

}
