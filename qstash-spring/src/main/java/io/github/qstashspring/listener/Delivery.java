package io.github.qstashspring.listener;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.github.qstashspring.signature.QStashSignatureClaims;

/**
 * One verified request: its raw body and metadata, from which listener arguments are
 * bound. The message id and retry count are read at once (the duplicate guard and the
 * observation need them); the {@link QStashMessage}, with its copy of every header, is
 * built on first use only, since most listeners bind the payload alone. Used on the
 * request's thread while the request is handled.
 */
final class Delivery {

    private final HttpServletRequest request;

    private final byte[] body;

    private final QStashSignatureClaims claims;

    private final @Nullable String messageId;

    private final int retried;

    private @Nullable QStashMessage<byte[]> message;

    Delivery(HttpServletRequest request, byte[] body, QStashSignatureClaims claims) {
        this.request = request;
        this.body = body;
        this.claims = claims;
        this.messageId = request.getHeader(QStashMessage.MESSAGE_ID_HEADER);
        this.retried = retried(request.getHeader(QStashMessage.RETRIED_HEADER));
    }

    byte[] body() {
        return this.body;
    }

    /** The {@code Upstash-Message-Id}, or {@code null}. */
    @Nullable String messageId() {
        return this.messageId;
    }

    /** The {@code Upstash-Retried} count, {@code 0} when absent or not a number. */
    int retried() {
        return this.retried;
    }

    /** The metadata with the raw body as payload, built on the first call. */
    QStashMessage<byte[]> message() {
        QStashMessage<byte[]> built = this.message;
        if (built == null) {
            HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(copyHeaders());
            built = new QStashMessage<>(this.body, this.messageId, this.retried,
                    headers.getFirst(QStashMessage.SCHEDULE_ID_HEADER),
                    headers.getFirst(QStashMessage.URL_GROUP_HEADER), headers.getFirst(QStashMessage.CALLER_IP_HEADER),
                    headers.getFirst(QStashMessage.REGION_HEADER), headers, this.claims);
            this.message = built;
        }
        return built;
    }

    QStashSignatureClaims claims() {
        return this.claims;
    }

    /**
     * The charset of the {@code Content-Type}, UTF-8 (QStash's default for text) when it
     * names none.
     */
    Charset charset() {
        String contentType = this.request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            try {
                Charset charset = MediaType.parseMediaType(contentType).getCharset();
                if (charset != null) {
                    return charset;
                }
            }
            catch (IllegalArgumentException ex) {
                // fall back to UTF-8
            }
        }
        return StandardCharsets.UTF_8;
    }

    private HttpHeaders copyHeaders() {
        HttpHeaders headers = new HttpHeaders();
        for (String name : Collections.list(this.request.getHeaderNames())) {
            headers.addAll(name, Collections.list(this.request.getHeaders(name)));
        }
        return headers;
    }

    private static int retried(@Nullable String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

}
