package io.github.qstashspring.sample.messaging;

import io.github.qstashspring.listener.QStashListenerBaseUrlResolver;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The absolute URLs QStash delivers to: the listener base URL plus the listener path. The
 * base URL comes from the starter's {@link QStashListenerBaseUrlResolver}, the same one
 * that builds the {@code @QStashSchedule} destinations: {@code qstash.listener.base-url}
 * (the public URL, needed with real QStash), or {@code http://127.0.0.1:<port>} of this
 * application when the embedded broker runs in-app and no base URL is set. (The sample
 * has no servlet context path; an application with one appends it.)
 */
@Component
public class ListenerUrls {

    private final QStashListenerBaseUrlResolver baseUrl;

    ListenerUrls(QStashListenerBaseUrlResolver baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * @param path a listener path, e.g. {@code /qstash/orders}
     * @return the URL QStash is asked to deliver to
     * @throws IllegalStateException when the base URL is not known (not configured, and
     * no in-app broker with a running web server)
     */
    public String of(String path) {
        String base = this.baseUrl.resolveBaseUrl();
        if (!StringUtils.hasText(base)) {
            throw new IllegalStateException(
                    "The URL QStash reaches " + path + " on is unknown; set qstash.listener.base-url");
        }
        return StringUtils.trimTrailingCharacter(base.trim(), '/') + path;
    }

}
