package io.github.qstashspring.client;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * The {@link HttpTransport#HTTP_COMPONENTS} request factory: Apache HttpClient 5
 * configured to behave as the JDK transport does. System properties are honoured as the
 * JDK client honours them (proxy selector, {@code javax.net.ssl.*}); compressed answers
 * are accepted and decoded; redirects, HttpClient's own retries (the template has its
 * {@link TransportRetryPolicy}) and cookies are off. Only loaded when HttpClient 5 is on
 * the class path.
 */
final class HttpComponentsTransport {

    private HttpComponentsTransport() {
    }

    /**
     * @param connectTimeout time to open a connection, and to wait for a free one when
     * the pool is exhausted
     * @param readTimeout time for QStash to answer
     * @param maxConnections connections kept to QStash (one route)
     */
    static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout, int maxConnections) {
        HttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
            .useSystemProperties()
            .setMaxConnPerRoute(maxConnections)
            .setMaxConnTotal(maxConnections)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).build())
            .build();
        RequestConfig requests = RequestConfig.custom()
            .setConnectionRequestTimeout(Timeout.of(connectTimeout))
            .setResponseTimeout(Timeout.of(readTimeout))
            .build();
        return new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
            .useSystemProperties()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(requests)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .build());
    }

}
