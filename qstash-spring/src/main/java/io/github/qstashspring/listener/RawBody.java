package io.github.qstashspring.listener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.util.WebUtils;

/**
 * Reads a request body raw, up to a maximum size, and answers oversized ones with 413.
 * Used by listener endpoints and {@code @QStashWorkflow} endpoints, which verify the
 * signature over these exact bytes.
 */
public final class RawBody {

    static final int TOO_LARGE_STATUS = 413;

    /** The most memory reserved before bytes arrive. */
    private static final int INITIAL_BUFFER = 16 * 1024;

    private RawBody() {
    }

    /**
     * The raw body: the bytes cached by {@link QStashRawBodyFilter}, or else read from
     * the request's input stream.
     * @param request the request
     * @param maxBytes the largest body accepted
     * @return the body bytes, exactly as received
     * @throws TooLargeException when the body is larger than {@code maxBytes}
     * @throws IOException when it cannot be read
     */
    public static byte[] of(HttpServletRequest request, long maxBytes) throws IOException {
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        return (cached != null) ? cached.body() : read(request, maxBytes);
    }

    /**
     * Reads the body from the request's input stream, in pieces: memory grows with the
     * bytes that really arrive, never with the {@code Content-Length} a sender declares,
     * and reading stops (413) as soon as more than {@code maxBytes} arrived.
     */
    static byte[] read(HttpServletRequest request, long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        int initial = (int) Math.min(Math.max(declared, 256), INITIAL_BUFFER);
        ByteArrayOutputStream out = new ByteArrayOutputStream(initial);
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
    public static final class TooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        TooLargeException(long maxBytes) {
            super("Request body larger than qstash.listener.max-body-size (" + maxBytes + " bytes)");
        }

    }

}
