package io.github.qstashspring.client;

import java.util.List;

/**
 * The answer to a publish: one {@link PublishResult} for a URL or a queue, one per endpoint for a
 * URL group (QStash answers a bare JSON array there).
 *
 * @param results the created messages, in QStash's order
 */
public record PublishResponse(List<PublishResult> results) {

    /**
     * Creates a response.
     * @param results the created messages
     */
    public PublishResponse {
        results = List.copyOf(results);
    }

    /**
     * The id of the single message created by a publish to a URL or a queue.
     * @return the message id
     * @throws IllegalStateException when QStash created not exactly one message (a URL group
     *     with several endpoints): read {@link #results()} then
     */
    public String messageId() {
        if (this.results.size() != 1) {
            throw new IllegalStateException("QStash created " + this.results.size()
                    + " messages (a URL group publish gives one per endpoint); use results()");
        }
        return this.results.get(0).messageId();
    }

    /**
     * Whether every created message was a duplicate.
     * @return {@code true} when QStash deduplicated all of them
     */
    public boolean deduplicated() {
        return !this.results.isEmpty() && this.results.stream().allMatch(PublishResult::deduplicated);
    }
}
