package io.github.qstashspring.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * An answer of the JDK transport: its body is read on the caller's thread, decoded when
 * compressed, and closed (which ends a blocked read) when it is not read to its end
 * within the read timeout.
 */
final class JdkResponse implements ClientHttpResponse {

    /** Closes the bodies that take too long; one thread for every client. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final HttpResponse<InputStream> response;

    private final HttpHeaders headers;

    private final InputStream body;

    private final ScheduledFuture<?> deadline;

    JdkResponse(HttpResponse<InputStream> response, Duration readTimeout) throws IOException {
        this.response = response;
        this.headers = new HttpHeaders();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                this.headers.addAll(name, values);
            }
        });
        InputStream raw = response.body();
        this.deadline = DEADLINES.schedule(() -> closeQuietly(raw), readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        this.body = new UntilClosed(decoded(raw, this.headers));
    }

    private static InputStream decoded(InputStream raw, HttpHeaders headers) throws IOException {
        String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
        if (encoding == null) {
            return raw;
        }
        InputStream decoded = switch (encoding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip" -> new GZIPInputStream(raw);
            case "deflate" -> new InflaterInputStream(raw);
            default -> null;
        };
        if (decoded == null) {
            return raw;
        }
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        return decoded;
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatusCode.valueOf(this.response.statusCode());
    }

    @Override
    public String getStatusText() {
        return "";
    }

    @Override
    public HttpHeaders getHeaders() {
        return this.headers;
    }

    @Override
    public InputStream getBody() {
        return this.body;
    }

    @Override
    public void close() {
        closeQuietly(this.body);
    }

    private static void closeQuietly(@Nullable InputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        }
        catch (IOException ex) {
            // Nothing left to read from it either way.
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
            Thread thread = new Thread(task, "qstash-client-read-timeout");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** The body, whose close also cancels its deadline. */
    private final class UntilClosed extends FilterInputStream {

        UntilClosed(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            JdkResponse.this.deadline.cancel(false);
            super.close();
        }

    }

}
