package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.signature.QStashSignatureClaims;
import io.github.qstashspring.signature.QStashSignatureException;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP endpoint that receives deliveries, verifies each {@code Upstash-Signature}
 * on the raw body (and {@code sub} against the URL it was called at) and records what
 * arrived. A delivery whose signature fails is answered 401 and fails the test:
 * {@link #close()} throws when there was one.
 */
public final class TestReceiver implements AutoCloseable {

    private final HttpServer server;

    private final Supplier<QStashSignatureVerifier> verifier;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    private final List<String> signatureFailures = new CopyOnWriteArrayList<>();

    private final AtomicInteger inFlight = new AtomicInteger();

    private final AtomicInteger maxInFlight = new AtomicInteger();

    private volatile long responseDelayMillis;

    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    private final Map<String, Duration> drips = new ConcurrentHashMap<>();

    /**
     * Starts a receiver that verifies with the current keys of a broker, read at each
     * delivery (so it follows rotations and a restarted broker).
     * @param broker the broker of the moment
     * @return the receiver
     */
    public static TestReceiver verifyingFor(Supplier<EmbeddedQStashBroker> broker) {
        return new TestReceiver(() -> QStashSignatureVerifier.builder()
            .currentSigningKey(broker.get().getCurrentSigningKey())
            .nextSigningKey(broker.get().getNextSigningKey())
            .build());
    }

    /**
     * Starts a receiver on a free port.
     * @param verifier supplies the verifier (keys may rotate)
     */
    public TestReceiver(Supplier<QStashSignatureVerifier> verifier) {
        this(verifier, 0);
    }

    /**
     * Starts a receiver on a given port (to stand in for a receiver that was stopped).
     * @param verifier supplies the verifier (keys may rotate)
     * @param port the port, {@code 0} for a free one
     */
    public TestReceiver(Supplier<QStashSignatureVerifier> verifier, int port) {
        this.verifier = verifier;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
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
        return url("127.0.0.1", path);
    }

    /**
     * The URL of a path on this receiver under another name of this machine, e.g.
     * {@code localhost} (a destination host of its own for the broker).
     * @param host the host name
     * @param path e.g. {@code /hook}
     * @return the absolute URL
     */
    public String url(String host, String path) {
        return "http://" + host + ":" + this.server.getAddress().getPort() + path;
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

    /**
     * Makes a path answer 200 at once but send its body one byte every 100 ms for the
     * given time, so that no single read waits long while the whole response takes
     * {@code total}.
     * @param path the path
     * @param total how long the response takes
     */
    public void drip(String path, Duration total) {
        this.drips.put(path, total);
    }

    /**
     * Makes the next requests to a path fail.
     * @param path the path
     * @param times how many requests fail
     * @param status the status they get
     */
    public void failNext(String path, int times, int status) {
        this.failures.put(path, new Failure(new AtomicInteger(times), status));
    }

    /**
     * Makes every request take a while before it is answered (to observe concurrency).
     * @param millis the response delay
     */
    public void respondAfter(long millis) {
        this.responseDelayMillis = millis;
    }

    /**
     * @return the most requests that were being answered at the same time
     */
    public int maxInFlight() {
        return this.maxInFlight.get();
    }

    /**
     * @return everything received so far
     */
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
        int current = this.inFlight.incrementAndGet();
        this.maxInFlight.accumulateAndGet(current, Math::max);
        AtomicBoolean answered = new AtomicBoolean();
        try {
            answer(exchange, () -> leave(answered));
        }
        finally {
            leave(answered);
        }
    }

    /**
     * Ends a request's time in flight once, before its response is written: the broker
     * may start the next delivery as soon as it reads the response, before this thread
     * gets back to us.
     */
    private void leave(AtomicBoolean answered) {
        if (answered.compareAndSet(false, true)) {
            this.inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange, Runnable beforeResponse) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Headers headers = exchange.getRequestHeaders();
        // The URL the broker was asked to call, under whichever name of this machine.
        String host = headers.getFirst("Host");
        String url = ((host != null) ? "http://" + host + rawPath : url(rawPath))
                + ((rawQuery != null) ? "?" + rawQuery : "");
        QStashSignatureClaims claims = null;
        String signatureError = null;
        try {
            claims = this.verifier.get().verify(headers.getFirst("Upstash-Signature"), body, url);
        }
        catch (QStashSignatureException ex) {
            signatureError = ex.getMessage();
            this.signatureFailures.add(exchange.getRequestMethod() + " " + rawPath + ": " + signatureError);
        }
        this.received
            .add(new Received(exchange.getRequestMethod(), rawPath, rawQuery, headers, body, claims, signatureError));
        CountDownLatch hold = this.holds.get(rawPath);
        if (hold != null) {
            try {
                hold.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        Duration drip = this.drips.get(rawPath);
        if (drip != null && signatureError == null) {
            beforeResponse.run();
            dripResponse(exchange, drip);
            return;
        }
        if (this.responseDelayMillis > 0) {
            try {
                Thread.sleep(this.responseDelayMillis);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        Reply reply = (signatureError != null) ? new Reply(401, Map.of())
                : this.replies.getOrDefault(rawPath, new Reply(200, Map.of()));
        Failure failure = this.failures.get(rawPath);
        if (signatureError == null && failure != null && failure.left().getAndDecrement() > 0) {
            reply = new Reply(failure.status(), Map.of());
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] answer = ("answer " + reply.status()).getBytes();
        beforeResponse.run();
        exchange.sendResponseHeaders(reply.status(), answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static void dripResponse(HttpExchange exchange, Duration total) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < total.toMillis(); sent += 100) {
                out.write('.');
                out.flush();
                Thread.sleep(100);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            // the broker gave up on the response: that is what the test expects
        }
    }

    /**
     * @return the port this receiver listens on
     */
    public int port() {
        return this.server.getAddress().getPort();
    }

    /**
     * Stops the receiver.
     * @throws AssertionError when a delivery's signature failed
     */
    @Override
    public void close() {
        this.server.stop(0);
        if (!this.signatureFailures.isEmpty()) {
            throw new AssertionError("Deliveries failed signature verification: " + this.signatureFailures);
        }
    }

    private record Failure(AtomicInteger left, int status) {
    }

    private record Reply(int status, Map<String, String> headers) {
    }

    /**
     * One received request.
     *
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

        /**
         * @return the body as UTF-8 text
         */
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
