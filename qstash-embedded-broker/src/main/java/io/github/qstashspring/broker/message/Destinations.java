package io.github.qstashspring.broker.message;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Destination URL checks and the host/path columns the filters match. */
public final class Destinations {

    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private Destinations() {
    }

    /**
     * Whether a destination is an absolute {@code http}/{@code https} URL.
     * @param value the destination
     * @return whether it is a URL
     */
    public static boolean isUrl(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return (lower.startsWith("http://") || lower.startsWith("https://"))
                && value.length() > lower.indexOf("//") + 2;
    }

    /**
     * Whether a URL can be called (parses as a URI with a host).
     * @param url the URL
     * @return whether it is valid
     */
    public static boolean isValidUri(String url) {
        URI uri = parse(url);
        return uri != null && uri.getHost() != null;
    }

    /**
     * Whether a name is valid for a queue, URL group or schedule id.
     * @param name the name
     * @return whether it has only letters, digits, {@code -}, {@code _} and {@code .}
     */
    public static boolean isResourceName(String name) {
        return RESOURCE_NAME.matcher(name).matches();
    }

    /**
     * The host of a URL, for the {@code host} filter.
     * @param url a URL
     * @return the host, or {@code null} when it cannot be parsed
     */
    public static @Nullable String host(String url) {
        URI uri = parse(url);
        return (uri != null) ? uri.getHost() : null;
    }

    /**
     * The path of a URL, for the {@code path} filter.
     * @param url a URL
     * @return the raw path, or {@code null} when it cannot be parsed
     */
    public static @Nullable String path(String url) {
        URI uri = parse(url);
        return (uri != null) ? uri.getRawPath() : null;
    }

    private static @Nullable URI parse(String url) {
        try {
            return URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

}
