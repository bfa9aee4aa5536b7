package io.github.qstashspring.client;

/**
 * The HTTP client a {@link QStashTemplate} sends its requests with, when no request
 * factory is given ({@link QStashTemplate.Builder#requestFactory}). Either way the
 * template speaks HTTP/1.1, does not follow redirects, sends the same headers and body,
 * and retries only network errors, with its own {@link TransportRetryPolicy}.
 */
public enum HttpTransport {

    /**
     * Apache HttpClient 5 when it is on the class path (the starter brings it), the JDK's
     * {@code HttpClient} otherwise, as Spring Boot's
     * {@code ClientHttpRequestFactoryBuilder.detect()} prefers it.
     */
    DETECT,

    /**
     * Apache HttpClient 5 ({@code org.apache.httpcomponents.client5:httpclient5}):
     * synchronous calls on the caller's thread, with a pool of at most
     * {@link QStashTemplate.Builder#maxConnections maxConnections} connections.
     */
    HTTP_COMPONENTS,

    /**
     * The JDK's {@code java.net.http.HttpClient}, through Spring's
     * {@code JdkClientHttpRequestFactory}. It costs more per call than HttpClient 5:
     * Spring sends asynchronously and writes the body from another thread, and the JDK
     * completes every asynchronous call in the common pool, which on a machine with two
     * cores or fewer means a new thread per call. The JDK client also retries by itself,
     * whatever the {@link TransportRetryPolicy}: a refused connection, and a {@code GET}
     * whose connection closed before the answer.
     */
    JDK

}
