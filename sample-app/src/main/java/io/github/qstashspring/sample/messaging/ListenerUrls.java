package io.github.qstashspring.sample.messaging;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The absolute URLs QStash delivers to: {@code qstash.listener.base-url} (the public URL, needed
 * with real QStash) plus the listener path, or {@code http://127.0.0.1:<port>} of this
 * application when no base URL is set (enough for the embedded broker, which runs on the same
 * machine).
 */
@Component
public class ListenerUrls {

    private final Environment environment;

    ListenerUrls(Environment environment) {
        this.environment = environment;
    }

    /**
     * @param path a listener path, e.g. {@code /qstash/orders}
     * @return the URL QStash is asked to deliver to
     */
    public String of(String path) {
        String baseUrl = this.environment.getProperty("qstash.listener.base-url");
        if (StringUtils.hasText(baseUrl)) {
            return StringUtils.trimTrailingCharacter(baseUrl, '/') + path;
        }
        String port = this.environment.getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("The web server has not started yet, so the listener URL of " + path
                    + " is unknown; set qstash.listener.base-url");
        }
        return "http://127.0.0.1:" + port + path;
    }
}
