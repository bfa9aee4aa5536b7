package io.github.qstashspring.listener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.util.WebUtils;

/** Reads a request body raw, up to a maximum size, and answers oversized ones with 413. */
final class RawBody {

    static final int TOO_LARGE_STATUS = 413;

    private RawBody() {
    }

    /**
     * The raw body: the bytes cached by {@link QStashRawBodyFilter}, or else read from the
     * request's input stream.
     */
    static byte[] of(HttpServletRequest request, long maxBytes) throws IOException {
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        return (cached != null) ? cached.body() : read(request, maxBytes);
    }

    static byte[] read(HttpServletRequest request, long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((declared > 0) ? (int) declared : 256);
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        }
        return out.toByteArray();
    }

    static String tooLargeJson(long maxBytes) {
        return "{\"error\":\"Body larger than qstash.listener.max-body-size (" + maxBytes + " bytes)\"}";
    }

    static String contentType() {
        return MediaType.APPLICATION_JSON_VALUE;
    }

    /** The body is larger than allowed. */
    static final class TooLargeException extends IOException {

        TooLargeException(long maxBytes) {
            super("Request body larger than qstash.listener.max-body-size (" + maxBytes + " bytes)");
        }
    }
}
