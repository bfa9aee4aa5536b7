package io.github.qstashspring.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint of a URL group: a URL with an optional name. To remove endpoints, either
 * the name or the URL identifies one.
 *
 * @param name the endpoint name, or {@code null}
 * @param url the endpoint URL, or {@code null} when removing by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(@Nullable String name, @Nullable String url) {

    /**
     * An unnamed endpoint.
     * @param url the URL
     * @return the endpoint
     */
    public static Endpoint of(String url) {
        return new Endpoint(null, url);
    }

    /**
     * A named endpoint.
     * @param name the name
     * @param url the URL
     * @return the endpoint
     */
    public static Endpoint of(String name, String url) {
        return new Endpoint(name, url);
    }

    /**
     * An endpoint identified by its name only (to remove it).
     * @param name the name
     * @return the endpoint
     */
    public static Endpoint named(String name) {
        return new Endpoint(name, null);
    }
}
