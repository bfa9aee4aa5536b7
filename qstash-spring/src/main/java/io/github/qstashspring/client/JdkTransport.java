package io.github.qstashspring.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * The {@link HttpTransport#JDK} request factory: the JDK {@code HttpClient}, HTTP/1.1, no
 * redirects.
 */
final class JdkTransport {

    private static final AtomicLong THREAD_IDS = new AtomicLong();

    /**
     * Threads that write request bodies for the JDK client, reused across requests.
     * Without an executor, Spring's JDK request factory starts a new thread for every
     * request.
     */
    private static final Executor BODY_WRITERS = Executors.newCachedThreadPool((task) -> {
        Thread thread = new Thread(task, "qstash-client-" + THREAD_IDS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private JdkTransport() {
    }

    static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        HttpClient httpClient = HttpClient.newBuilder()
            .executor(BODY_WRITERS)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
        factory.setReadTimeout(readTimeout);
        return factory;
    }

}
