/**
 * The dispatcher: claims due messages, signs and sends them, records outcomes in batches,
 * computes retries and creates callbacks.
 */
@NullMarked
package io.github.qstashspring.broker.delivery;

import org.jspecify.annotations.NullMarked;
