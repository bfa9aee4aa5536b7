package io.github.qstashspring.broker.message;

import java.net.URI;
import java.util.Locale;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;

/** The checks of destinations: URLs and URL group names. */
final class Destinations {

    private Destinations() {
    }

    /**
     * Whether a destination is an absolute {@code http}/{@code https} URL.
     * @param value the destination
     * @return whether it is a URL
     */
    static boolean isUrl(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return (lower.startsWith("http://") || lower.startsWith("https://"))
                && value.length() > lower.indexOf("//") + 2;
    }

    /**
     * Whether a URL can be called (parses as a URI with a host).
     * @param url the URL
     * @return whether it is valid
     */
    static boolean isValidUri(String url) {
        try {
            return URI.create(url).getHost() != null;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /**
     * Checks the destination of a publish or schedule: a valid URL or a URL group name.
     * @param destination the destination
     * @throws BrokerException (400) when it is neither
     */
    static void check(String destination) {
        if (isUrl(destination)) {
            if (!isValidUri(destination)) {
                throw BrokerException.badRequest("invalid destination url: " + destination);
            }
            return;
        }
        if (!ApiResource.isValidName(destination)) {
            throw BrokerException
                .badRequest("invalid destination url: endpoint has invalid scheme, add http:// or https://");
        }
    }

}
