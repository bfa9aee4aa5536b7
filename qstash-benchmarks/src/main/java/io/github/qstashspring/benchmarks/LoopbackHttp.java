package io.github.qstashspring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Loopback HTTP pieces shared by the benchmarks: Apache HttpClient 5 clients sized for a
 * given concurrency, and minimal servers (the JDK's {@code HttpServer}): one that reads
 * the body and answers a fixed status and body, one that hands requests to a handler.
 */
public final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /**
     * Creates a pooled HttpClient 5 client.
     * @param concurrency the connections per route
     * @return the client (close it)
     */
    public static CloseableHttpClient client(int concurrency) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(concurrency)
            .setMaxConnTotal(concurrency * 2)
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(10))
                .setSocketTimeout(Timeout.ofSeconds(60))
                .build())
            .build();
        return HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(60)).build())
            .disableAutomaticRetries()
            .build();
    }

    /**
     * Starts a minimal server on a random loopback port that reads every request body and
     * answers the given status and body.
     * @param status the status
     * @param responseBody the response body
     * @param threads worker threads
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    public static StubServer stub(int status, String responseBody, int threads) throws IOException {
        byte[] answer = responseBody.getBytes(StandardCharsets.UTF_8);
        return serve((exchange) -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputSink.INSTANCE);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, (answer.length == 0) ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        }, threads);
    }

    /**
     * Starts a server (the JDK's {@code HttpServer}, {@code TCP_NODELAY}) on a random
     * loopback port that hands every request to a handler.
     * @param handler the handler of every path
     * @param threads worker threads
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    public static StubServer serve(HttpHandler handler, int threads) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the
        // client's
        // delayed ACK: every response with a body then takes ~40 ms on Linux loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new StubServer(server, executor);
    }

    /**
     * A running minimal server.
     *
     * @param server the JDK server
     * @param executor its workers
     */
    public record StubServer(HttpServer server, ExecutorService executor) implements AutoCloseable {

        /**
         * @return e.g. {@code http://127.0.0.1:41234}
         */
        public String baseUrl() {
            return "http://127.0.0.1:" + this.server.getAddress().getPort();
        }

        /** Stops the server. */
        @Override
        public void close() {
            this.server.stop(0);
            this.executor.shutdownNow();
        }
    }

    private static final class OutputSink extends java.io.OutputStream {

        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }

    }

}
