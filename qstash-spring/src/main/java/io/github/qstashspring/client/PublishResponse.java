package io.github.qstashspring.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a publish: one {@link PublishResult} for a URL or a queue, one per
 * endpoint for a URL group (QStash answers a bare JSON array there). In a batch, an entry
 * QStash rejected while accepting the others has no results and carries QStash's
 * {@code error} text instead.
 *
 * @param results the created messages, in QStash's order
 * @param error QStash's error for a rejected batch entry, {@code null} otherwise
 */
public record PublishResponse(List<PublishResult> results, @Nullable String error) {

    /**
     * Creates a response.
     * @param results the created messages
     * @param error the error of a rejected batch entry, or {@code null}
     */
    public PublishResponse {
        results = List.copyOf(results);
    }

    /**
     * Creates a successful response.
     * @param results the created messages
     */
    public PublishResponse(List<PublishResult> results) {
        this(results, null);
    }

    /**
     * The id of the single message created by a publish to a URL or a queue.
     * @return the message id
     * @throws IllegalStateException when QStash rejected this batch entry, or created not
     * exactly one message (a URL group with several endpoints): read {@link #results()}
     * then
     */
    public String messageId() {
        if (this.error != null) {
            throw new IllegalStateException("QStash rejected this message: " + this.error);
        }
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
