package io.github.qstashspring.broker.delivery;

import io.github.qstashspring.broker.store.MessageEntity;

/**
 * A finished attempt waiting to be recorded.
 *
 * @param message the message as claimed
 * @param result what the attempt got
 */
record Outcome(MessageEntity message, AttemptResult result) {
}
