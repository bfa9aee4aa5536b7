package io.github.qstashspring.workflow;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A call that was made to a {@link Webhook}.
 *
 * @param method the HTTP method
 * @param url the URL that was called, with its query
 * @param headers the request headers
 * @param body the request body (empty for {@code GET} and {@code HEAD})
 */
public record WebhookRequest(String method, String url, Map<String, List<String>> headers, byte[] body) {

    /**
     * The body as UTF-8 text.
     * @return the text
     */
    public String text() {
        return new String(this.body, StandardCharsets.UTF_8);
    }

}
