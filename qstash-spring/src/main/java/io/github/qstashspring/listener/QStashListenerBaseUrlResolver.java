package io.github.qstashspring.listener;

import org.jspecify.annotations.Nullable;

/**
 * Tells where QStash reaches this application's listeners, for the URLs the application
 * hands to QStash itself: the destinations of
 * {@link io.github.qstashspring.schedule.QStashSchedule} schedules
 * ({@code POST /v2/schedules/<base URL><context path><listener path>}).
 * <p>
 * The auto-configured resolver answers {@code qstash.listener.base-url}. With the in-app
 * embedded broker ({@code qstash.embedded.enabled=true}) the broker's auto-configuration
 * replaces it with one that answers {@code http://127.0.0.1:<local server port>} when the
 * property is not set, since the broker runs on the same machine. Declare a bean of this
 * type to compute the URL another way (for example from a cloud platform's environment).
 * <p>
 * The signature's URL check of incoming deliveries does not use it: it compares the
 * signed URL with {@code qstash.listener.base-url}, or with the URL the request arrived
 * on when that is not set.
 */
@FunctionalInterface
public interface QStashListenerBaseUrlResolver {

    /**
     * The base URL QStash calls this application on: scheme, host, port and any path
     * prefix a proxy strips, without the servlet context path (the caller appends it).
     * Called when the URL is needed (the schedules are synchronised after the web server
     * started), not when the bean is created.
     * @return the base URL, for example {@code https://my-app.example.com}, or
     * {@code null} when it is not known
     * @throws IllegalStateException when it cannot be known, with a message saying what
     * to configure
     */
    @Nullable String resolveBaseUrl();

    /**
     * A resolver answering a fixed value, such as {@code qstash.listener.base-url}.
     * @param baseUrl the base URL, or {@code null} (or blank) for none
     * @return the resolver
     */
    static QStashListenerBaseUrlResolver of(@Nullable String baseUrl) {
        String value = (baseUrl != null && !baseUrl.isBlank()) ? baseUrl : null;
        return () -> value;
    }

}
