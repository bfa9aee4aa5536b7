package io.github.qstashspring.sample.order;

import java.util.Map;
import java.util.OptionalInt;

import org.springframework.stereotype.Component;

/** The items the shop sells, with their prices in cents. */
@Component
public class Catalog {

    private static final Map<String, Integer> PRICES = Map.of("book", 1500, "mug", 900, "coffee", 1200);

    /**
     * @param item an item name
     * @return its price in cents, empty when the shop does not sell it
     */
    public OptionalInt priceOf(String item) {
        Integer price = PRICES.get(item);
        return (price != null) ? OptionalInt.of(price) : OptionalInt.empty();
    }

}
