package io.github.qstashspring.listener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

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

    /** The largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

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
     * Reads the body from the request's input stream. With a {@code Content-Length} the
     * bytes go straight into an array of that size; a body without one (chunked) is read
     * in pieces.
     */
    static byte[] read(HttpServletRequest request, long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            return (declared >= 0 && declared <= MAX_ARRAY_SIZE) ? readDeclared(in, (int) declared, maxBytes)
                    : readChunked(in, new ByteArrayOutputStream(256), 0, maxBytes);
        }
    }

    private static byte[] readDeclared(InputStream in, int declared, long maxBytes) throws IOException {
        byte[] body = new byte[declared];
        int read = in.readNBytes(body, 0, declared);
        if (read < declared) {
            return Arrays.copyOf(body, read);
        }
        int next = in.read();
        if (next == -1) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared + 256);
        out.write(body);
        out.write(next);
        return readChunked(in, out, declared + 1L, maxBytes);
    }

    private static byte[] readChunked(InputStream in, ByteArrayOutputStream out, long alreadyRead, long maxBytes)
            throws IOException {
        if (alreadyRead > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        byte[] buffer = new byte[8192];
        long total = alreadyRead;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
            out.write(buffer, 0, read);
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
