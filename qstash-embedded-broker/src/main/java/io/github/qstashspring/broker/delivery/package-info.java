/**
 * The dispatcher: claims due messages, signs and sends them, records outcomes in batches,
 * computes retries and creates callbacks; the maintenance that releases expired claims
 * and deletes expired logs; the signing keys and {@code /v2/keys}. Other packages use it
 * through {@link io.github.qstashspring.broker.delivery.Dispatcher}.
 */
@NullMarked
package io.github.qstashspring.broker.delivery;

import org.jspecify.annotations.NullMarked;
