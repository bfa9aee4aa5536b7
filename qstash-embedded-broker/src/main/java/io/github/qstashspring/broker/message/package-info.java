/**
 * Broker operations shared by the API and the dispatcher: publishing, cancelling, the
 * DLQ, logs, signing keys and the option parsing of publish requests.
 */
@NullMarked
package io.github.qstashspring.broker.message;

import org.jspecify.annotations.NullMarked;
