package io.github.qstashspring.listener;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.github.qstashspring.signature.QStashSignatureClaims;

/** One verified request: its raw body and metadata, from which listener arguments are bound. */
record Delivery(byte[] body, QStashMessage<byte[]> message) {

    static Delivery of(HttpServletRequest request, byte[] body, QStashSignatureClaims claims) {
        HttpHeaders headers = new HttpHeaders();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.addAll(name, Collections.list(request.getHeaders(name)));
        }
        HttpHeaders readOnly = HttpHeaders.readOnlyHttpHeaders(headers);
        return new Delivery(body, new QStashMessage<>(body, readOnly.getFirst(QStashMessage.MESSAGE_ID_HEADER),
                retried(readOnly.getFirst(QStashMessage.RETRIED_HEADER)),
                readOnly.getFirst(QStashMessage.SCHEDULE_ID_HEADER), readOnly.getFirst(QStashMessage.URL_GROUP_HEADER),
                readOnly.getFirst(QStashMessage.CALLER_IP_HEADER), readOnly.getFirst(QStashMessage.REGION_HEADER),
                readOnly, claims));
    }

    Charset charset() {
        String contentType = this.message.headers().getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            try {
                Charset charset = MediaType.parseMediaType(contentType).getCharset();
                if (charset != null) {
                    return charset;
                }
            }
            catch (IllegalArgumentException ex) {
                // fall back to UTF-8, QStash's default for text
            }
        }
        return StandardCharsets.UTF_8;
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
