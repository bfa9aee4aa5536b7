package io.github.qstashspring.client;

/**
 * The successful answer to one QStash API call, as seen by a
 * {@link QStashApiCallObserver}.
 *
 * @param status the HTTP status (2xx)
 * @param body the raw response body, possibly empty
 */
public record QStashApiResponse(int status, byte[] body) {
}
