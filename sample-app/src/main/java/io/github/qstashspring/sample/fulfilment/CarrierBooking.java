package io.github.qstashspring.sample.fulfilment;

/**
 * A pickup booked with the carrier, as its HTTP API ({@code POST /carrier/bookings})
 * answers it.
 *
 * @param orderId the order
 * @param trackingNumber the carrier's tracking number
 */
public record CarrierBooking(String orderId, String trackingNumber) {
}
