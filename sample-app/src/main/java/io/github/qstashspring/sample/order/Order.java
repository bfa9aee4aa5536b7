package io.github.qstashspring.sample.order;

/**
 * An order as customers place it with {@code POST /orders} and as it travels, as JSON,
 * through QStash to the {@link OrderProcessor}.
 *
 * @param id the order id, chosen by the caller; also the deduplication id of its message
 * @param item the catalogue item ordered
 * @param quantity how many
 */
public record Order(String id, String item, int quantity) {
}
