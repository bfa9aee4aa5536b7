package io.github.qstashspring.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The {@link HttpTransport#JDK} request factory: the JDK {@code HttpClient}, HTTP/1.1, no
 * redirects, compressed answers accepted. Unlike Spring's
 * {@code JdkClientHttpRequestFactory}, which always goes through {@code sendAsync} (a
 * hand-off to another thread for the body and another for the answer, a new thread per
 * call on a 2-core machine), a request is sent with the blocking {@code send} on the
 * calling thread, its body as one array. The read timeout bounds the wait for the
 * answer's headers ({@code HttpRequest.timeout}) and then, separately, the reading of its
 * body ({@link JdkResponse}).
 */
final class JdkTransport {

    private static final AtomicLong THREAD_IDS = new AtomicLong();

    /**
     * Threads of the JDK client's own asynchronous work (its selector hands off to them).
     */
    private static final Executor CLIENT_THREADS = Executors.newCachedThreadPool((task) -> {
        Thread thread = new Thread(task, "qstash-client-" + THREAD_IDS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private JdkTransport() {
    }

    static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        HttpClient httpClient = HttpClient.newBuilder()
            .executor(CLIENT_THREADS)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        return new RequestFactory(httpClient, readTimeout);
    }

    /** Creates the requests of one {@code HttpClient}. */
    static final class RequestFactory implements ClientHttpRequestFactory {

        private final HttpClient httpClient;

        private final Duration readTimeout;

        RequestFactory(HttpClient httpClient, Duration readTimeout) {
            this.httpClient = httpClient;
            this.readTimeout = readTimeout;
        }

        @Override
        public ClientHttpRequest createRequest(URI uri, HttpMethod method) {
            return new JdkRequest(this.httpClient, uri, method, this.readTimeout);
        }

    }

    /** One request, its body buffered by Spring and sent as one array. */
    private static final class JdkRequest extends AbstractBufferingClientHttpRequest {

        private final HttpClient httpClient;

        private final URI uri;

        private final HttpMethod method;

        private final Duration readTimeout;

        JdkRequest(HttpClient httpClient, URI uri, HttpMethod method, Duration readTimeout) {
            this.httpClient = httpClient;
            this.uri = uri;
            this.method = method;
            this.readTimeout = readTimeout;
        }

        @Override
        public HttpMethod getMethod() {
            return this.method;
        }

        @Override
        public URI getURI() {
            return this.uri;
        }

        @Override
        protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(this.uri).timeout(this.readTimeout);
            headers.forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach((value) -> request.header(name, value));
                }
            });
            if (!headers.containsHeader(HttpHeaders.ACCEPT_ENCODING)) {
                request.header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate");
            }
            request.method(this.method.name(), (body.length > 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
                    : HttpRequest.BodyPublishers.noBody());
            try {
                HttpResponse<InputStream> response = this.httpClient.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                return new JdkResponse(response, this.readTimeout);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for QStash to answer " + this.uri);
            }
        }

    }

}
