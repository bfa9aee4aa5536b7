package io.github.qstashspring.sample.fulfilment;

import org.jspecify.annotations.Nullable;

/**
 * How the fulfilment of an order ended: the result of its workflow run, which the
 * workflow logs keep.
 *
 * @param orderId the order
 * @param outcome {@code DISPATCHED}, {@code NOT_PACKED} (the warehouse did not report in
 * time), {@code CARRIER_REFUSED} or {@code UNKNOWN_ITEM} (nothing to charge)
 * @param chargedCents what was charged
 * @param trackingNumber the carrier's tracking number, when dispatched
 */
public record Fulfilment(String orderId, String outcome, int chargedCents, @Nullable String trackingNumber) {
}
