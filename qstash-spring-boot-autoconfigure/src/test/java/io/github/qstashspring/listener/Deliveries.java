package io.github.qstashspring.listener;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.github.qstashspring.signature.QStashSigner;

/** Builds signed deliveries the way QStash sends them. */
final class Deliveries {

    private Deliveries() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Headers of a delivery signed with the current key for {@code url}. */
    static Map<String, String> signed(String url, byte[] body, String contentType) {
        return headers(new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, body), contentType,
                newMessageId(), 0);
    }

    static Map<String, String> headers(String signature, String contentType, String messageId, int retried) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upstash-Signature", signature);
        headers.put("Content-Type", contentType);
        headers.put("Upstash-Message-Id", messageId);
        headers.put("Upstash-Retried", String.valueOf(retried));
        headers.put("User-Agent", "Upstash-QStash");
        return headers;
    }

}
