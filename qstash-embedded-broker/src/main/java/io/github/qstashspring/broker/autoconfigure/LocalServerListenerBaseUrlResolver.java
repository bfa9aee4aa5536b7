package io.github.qstashspring.broker.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.util.StringUtils;

import io.github.qstashspring.listener.QStashListenerBaseUrlResolver;

/**
 * The listener base URL in in-app mode: {@code qstash.listener.base-url} when it is set,
 * otherwise {@code http://127.0.0.1:<port>} of the application's own web server, which
 * the broker running in the same JVM reaches directly. The port is read when the URL is
 * asked for, after the web server started (so a random {@code server.port=0} works).
 */
final class LocalServerListenerBaseUrlResolver implements QStashListenerBaseUrlResolver {

    private final @Nullable String baseUrl;

    private final ApplicationContext applicationContext;

    /**
     * Creates the resolver.
     * @param baseUrl {@code qstash.listener.base-url}, or {@code null}
     * @param applicationContext the application's context, whose web server port is used
     */
    LocalServerListenerBaseUrlResolver(@Nullable String baseUrl, ApplicationContext applicationContext) {
        this.baseUrl = baseUrl;
        this.applicationContext = applicationContext;
    }

    /**
     * @return the configured base URL, else {@code http://127.0.0.1:<local server port>}
     * @throws IllegalStateException when neither is known: the application has no running
     * web server (for example a {@code @SpringBootTest} with the default mock web
     * environment)
     */
    @Override
    public String resolveBaseUrl() {
        if (StringUtils.hasText(this.baseUrl)) {
            return this.baseUrl;
        }
        WebServer webServer = (this.applicationContext instanceof WebServerApplicationContext context)
                ? context.getWebServer() : null;
        int port = (webServer != null) ? webServer.getPort() : -1;
        if (port <= 0) {
            throw new IllegalStateException("The in-app QStash broker delivers to this application's own web server, "
                    + "but it is not running (a @SpringBootTest needs webEnvironment = RANDOM_PORT); "
                    + "set qstash.listener.base-url, or qstash.schedule.enabled=false");
        }
        return "http://127.0.0.1:" + port;
    }

}
