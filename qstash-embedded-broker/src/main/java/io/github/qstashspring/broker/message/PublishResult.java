package io.github.qstashspring.broker.message;

/**
 * The answer for one accepted message.
 * @param messageId the new message's id, or the existing one when deduplicated
 * @param url the destination
 * @param deduplicated whether an earlier message with the same deduplication key was found
 */
public record PublishResult(String messageId, String url, boolean deduplicated) {
}
