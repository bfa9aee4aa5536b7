package io.github.qstashspring.sample.fulfilment;

/**
 * What the warehouse reports when it packed an order ({@code POST /warehouse/packed}).
 *
 * @param orderId the order
 * @param parcels how many parcels it packed the order into
 */
public record WarehouseEvent(String orderId, int parcels) {
}
