package io.github.qstashspring.broker.delivery;

import io.github.qstashspring.broker.store.StoredMessage;

/**
 * A finished attempt waiting to be recorded.
 *
 * @param message the message as claimed
 * @param result what the attempt got
 */
record Outcome(StoredMessage message, AttemptResult result) {
}
