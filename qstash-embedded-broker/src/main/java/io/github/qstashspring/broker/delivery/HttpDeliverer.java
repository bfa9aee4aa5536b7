package io.github.qstashspring.broker.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.qstashspring.broker.api.RequestHeaders;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.StoredMessage.Envelope;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import io.github.qstashspring.signature.QStashSigner;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Sends one delivery attempt with Apache HttpClient 5: the message's method, body,
 * content type and forwarded headers, {@code User-Agent: Upstash-QStash},
 * {@code Upstash-Signature} (signed with the current key, {@code sub} = the URL),
 * {@code Upstash-Message-Id}, {@code Upstash-Retried} and, when set,
 * {@code Upstash-Topic-Name}, {@code Upstash-Schedule-Id} and {@code Upstash-Caller-Ip}
 * and {@code Upstash-Region} (the configured region). Redirects are not followed (a 3xx
 * is a failed attempt). The timeout bounds the whole attempt, from sending the request to
 * reading the last byte of the response, so a destination that answers slowly, byte by
 * byte, still fails when the time is up. Host names are resolved through the
 * {@link PolicyDnsResolver}, so the destination policy judges the address of every new
 * connection; a refused destination is never connected to.
 */
final class HttpDeliverer implements AutoCloseable {

    private static final Set<String> NOT_SENT = Set.of("content-length", "transfer-encoding", "host", "connection");

    private final CloseableHttpClient client;

    private final long defaultTimeoutMs;

    private final int maxResponseBytes;

    private final @Nullable String region;

    private final Set<HttpUriRequestBase> running = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor((task) -> {
        Thread thread = new Thread(task, "qstash-delivery-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    HttpDeliverer(int concurrency, Duration connectTimeout, Duration defaultTimeout, int maxResponseBytes,
            @Nullable String region, DnsResolver resolver) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(resolver)
            .setMaxConnTotal(Math.max(concurrency, 2))
            .setMaxConnPerRoute(Math.max(concurrency, 2))
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setValidateAfterInactivity(Timeout.ofSeconds(1))
                .build())
            .build();
        this.client = HttpClients.custom()
            .setConnectionManager(connections)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableContentCompression()
            .build();
        this.defaultTimeoutMs = defaultTimeout.toMillis();
        this.maxResponseBytes = maxResponseBytes;
        this.region = (region == null || region.isBlank()) ? null : region.trim();
    }

    AttemptResult send(StoredMessage message, QStashSigner signer) {
        Envelope envelope = message.envelope();
        HttpUriRequestBase request;
        try {
            request = new HttpUriRequestBase(envelope.method(), java.net.URI.create(envelope.url()));
        }
        catch (IllegalArgumentException ex) {
            return AttemptResult.failure("invalid destination url: " + ex.getMessage());
        }
        for (Map.Entry<String, List<String>> header : message.headers().entrySet()) {
            if (!NOT_SENT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : header.getValue()) {
                    request.addHeader(header.getKey(), value);
                }
            }
        }
        request.setHeader("User-Agent", "Upstash-QStash");
        request.setHeader(QStashSignatureVerifier.SIGNATURE_HEADER, signer.sign(envelope.url(), message.body()));
        request.setHeader("Upstash-Message-Id", message.id());
        request.setHeader("Upstash-Retried", String.valueOf(message.retried()));
        setIfPresent(request, "Upstash-Topic-Name", envelope.topicName());
        setIfPresent(request, "Upstash-Schedule-Id", envelope.scheduleId());
        setIfPresent(request, "Upstash-Caller-Ip", envelope.callerIp());
        setIfPresent(request, "Upstash-Region", this.region);
        if (message.body().length > 0 || !envelope.method().equals("GET")) {
            request.setEntity(new ByteArrayEntity(message.body(), null));
        }
        long timeoutMs = (envelope.timeoutMs() != null) ? envelope.timeoutMs() : this.defaultTimeoutMs;
        request.setConfig(RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMilliseconds(timeoutMs))
            .setConnectionRequestTimeout(Timeout.ofMilliseconds(timeoutMs))
            .build());
        ScheduledFuture<?> deadline = this.deadlines.schedule(request::cancel, timeoutMs, TimeUnit.MILLISECONDS);
        this.running.add(request);
        try {
            return this.client.execute(request, this::read);
        }
        catch (IOException | RuntimeException ex) {
            DeniedDestinationException denied = denied(ex);
            if (denied != null) {
                return AttemptResult.refused(String.valueOf(denied.getMessage()));
            }
            if (request.isCancelled()) {
                return AttemptResult.failure("timeout: no complete response within " + timeoutMs + " ms");
            }
            return AttemptResult.failure(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        finally {
            this.running.remove(request);
            deadline.cancel(false);
        }
    }

    /**
     * Aborts every attempt running now (at the end of a stop's drain time): their
     * connections are closed and their {@link #send} calls return a failure.
     */
    void abortRunning() {
        for (HttpUriRequestBase request : List.copyOf(this.running)) {
            request.cancel();
        }
    }

    private AttemptResult read(ClassicHttpResponse response) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(RequestHeaders.canonical(header.getName()), (k) -> new ArrayList<>())
                .add(header.getValue());
        }
        byte[] body = new byte[0];
        HttpEntity entity = response.getEntity();
        if (entity != null) {
            try (InputStream in = entity.getContent()) {
                body = in.readNBytes(this.maxResponseBytes);
            }
        }
        int status = response.getCode();
        boolean ok = status >= 200 && status < 300;
        return new AttemptResult(status, headers, body, ok ? null : "status " + status);
    }

    private static @Nullable DeniedDestinationException denied(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeniedDestinationException denied) {
                return denied;
            }
        }
        return null;
    }

    private static void setIfPresent(HttpUriRequestBase request, String name, @Nullable String value) {
        if (value != null) {
            request.setHeader(name, value);
        }
    }

    @Override
    public void close() throws IOException {
        this.deadlines.shutdownNow();
        this.client.close();
    }

}
