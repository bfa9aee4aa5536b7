package io.github.qstashspring.client;

import java.time.Duration;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;

/** Creates the request factory of an {@link HttpTransport}. */
final class RequestFactories {

    private static final String HTTP_COMPONENTS_CLASS = "org.apache.hc.client5.http.impl.classic.HttpClients";

    private RequestFactories() {
    }

    /**
     * The request factory of {@code transport}.
     * @param classLoader where HttpClient 5 is looked for
     * @throws IllegalStateException when HttpClient 5 is asked for and not on the class
     * path
     */
    static ClientHttpRequestFactory create(HttpTransport transport, Duration connectTimeout, Duration readTimeout,
            int maxConnections, ClassLoader classLoader) {
        if (resolve(transport, classLoader) == HttpTransport.HTTP_COMPONENTS) {
            return HttpComponentsTransport.requestFactory(connectTimeout, readTimeout, maxConnections);
        }
        return JdkTransport.requestFactory(connectTimeout, readTimeout);
    }

    /**
     * {@code transport}, with {@link HttpTransport#DETECT} replaced by what the class
     * path offers.
     */
    static HttpTransport resolve(HttpTransport transport, ClassLoader classLoader) {
        boolean httpComponents = ClassUtils.isPresent(HTTP_COMPONENTS_CLASS, classLoader);
        if (transport == HttpTransport.DETECT) {
            return httpComponents ? HttpTransport.HTTP_COMPONENTS : HttpTransport.JDK;
        }
        if (transport == HttpTransport.HTTP_COMPONENTS && !httpComponents) {
            throw new IllegalStateException("The QStash client was configured to use Apache HttpClient 5, which is not"
                    + " on the class path: add org.apache.httpcomponents.client5:httpclient5, or use HttpTransport.JDK");
        }
        return transport;
    }

}
