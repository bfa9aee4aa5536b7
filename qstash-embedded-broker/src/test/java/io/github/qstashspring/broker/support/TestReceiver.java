package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.qstashspring.signature.QStashSignatureClaims;
import io.github.qstashspring.signature.QStashSignatureException;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP endpoint that receives deliveries, verifies each {@code Upstash-Signature} on the raw
 * body (and {@code sub} against the URL it was called at) and records what arrived.
 */
public final class TestReceiver implements AutoCloseable {

    private final HttpServer server;

    private final Supplier<QStashSignatureVerifier> verifier;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();

    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    /**
     * Starts a receiver on a free port.
     * @param verifier supplies the verifier (keys may rotate)
     */
    public TestReceiver(Supplier<QStashSignatureVerifier> verifier) {
        this.verifier = verifier;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        this.server.setExecutor(Executors.newFixedThreadPool(16));
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    /**
     * The URL of a path on this receiver.
     * @param path e.g. {@code /hook}
     * @return the absolute URL
     */
    public String url(String path) {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
    }

    /**
     * Makes a path answer with a status (default 200).
     * @param path the path
     * @param status the status
     * @param headers extra response headers
     */
    public void reply(String path, int status, Map<String, String> headers) {
        this.replies.put(path, new Reply(status, headers));
    }

    /**
     * Makes requests to a path wait, after they were recorded, until the latch opens.
     * @param path the path
     * @param release the latch
     */
    public void hold(String path, CountDownLatch release) {
        this.holds.put(path, release);
    }

    /** @return everything received so far */
    public List<Received> received() {
        return List.copyOf(this.received);
    }

    /**
     * What was received at a path.
     * @param path the path
     * @return the requests
     */
    public List<Received> received(String path) {
        return this.received.stream().filter((request) -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String url = url(rawPath) + ((rawQuery != null) ? "?" + rawQuery : "");
        Headers headers = exchange.getRequestHeaders();
        QStashSignatureClaims claims = null;
        String signatureError = null;
        try {
            claims = this.verifier.get().verify(headers.getFirst("Upstash-Signature"), body, url);
        }
        catch (QStashSignatureException ex) {
            signatureError = ex.getMessage();
        }
        this.received.add(new Received(exchange.getRequestMethod(), rawPath, rawQuery, headers, body, claims,
                signatureError));
        CountDownLatch hold = this.holds.get(rawPath);
        if (hold != null) {
            try {
                hold.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        Reply reply = (signatureError != null) ? new Reply(401, Map.of()) : this.replies.getOrDefault(rawPath,
                new Reply(200, Map.of()));
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] answer = ("answer " + reply.status()).getBytes();
        exchange.sendResponseHeaders(reply.status(), answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    private record Reply(int status, Map<String, String> headers) {
    }

    /**
     * One received request.
     * @param method the HTTP method
     * @param path the raw path
     * @param query the raw query
     * @param headers the headers
     * @param body the raw body
     * @param claims the verified claims, or {@code null} when the signature failed
     * @param signatureError why the signature failed, or {@code null}
     */
    public record Received(String method, String path, @Nullable String query, Headers headers, byte[] body,
            @Nullable QStashSignatureClaims claims, @Nullable String signatureError) {

        /** @return the body as UTF-8 text */
        public String text() {
            return new String(this.body, java.nio.charset.StandardCharsets.UTF_8);
        }

        /**
         * A header value.
         * @param name the header name
         * @return the first value
         */
        public @Nullable String header(String name) {
            return this.headers.getFirst(name);
        }
    }
}
