package io.github.qstashspring.broker.api;

import java.io.IOException;
import java.util.List;

/**
 * One resource of the {@code /v2} API, e.g. {@code /v2/queues}: a bean of the broker's
 * context, found by the router under the names it gives. Adding a resource is adding such
 * a bean.
 */
public interface ApiResource {

    /**
     * Whether a name is valid for a queue, URL group or schedule id.
     * @param name the name
     * @return whether it has only letters, digits, {@code -}, {@code _} and {@code .}
     */
    static boolean isValidName(String name) {
        return !name.isEmpty() && name.chars()
            .allMatch((c) -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-');
    }

    /**
     * @return the first path segments after {@code /v2/} it answers, lower case (e.g.
     * {@code queues})
     */
    List<String> names();

    /**
     * Whether its requests publish messages: they count against the daily message quota
     * (see {@link ApiExchange#admitMessages}) instead of the burst limit.
     * @return whether it publishes
     */
    default boolean publishes() {
        return false;
    }

    /**
     * Answers a request whose token was checked.
     * @param exchange the request and its response
     * @throws IOException when the client connection fails
     * @throws BrokerException to answer with an error
     */
    void handle(ApiExchange exchange) throws IOException;

}
