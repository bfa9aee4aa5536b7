package io.github.qstashspring.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How {@link HttpTransport#DETECT} and the explicit transports are resolved against the
 * class path.
 */
class RequestFactoriesTests {

    private static final ClassLoader WITH_HTTP_COMPONENTS = RequestFactoriesTests.class.getClassLoader();

    private static final ClassLoader WITHOUT_HTTP_COMPONENTS = new FilteredClassLoader("org.apache.hc.client5");

    @Test
    void detectPrefersHttpClient5WhenItIsOnTheClassPath() {
        assertThat(RequestFactories.resolve(HttpTransport.DETECT, WITH_HTTP_COMPONENTS))
            .isEqualTo(HttpTransport.HTTP_COMPONENTS);
        assertThat(create(HttpTransport.DETECT, WITH_HTTP_COMPONENTS))
            .isInstanceOf(HttpComponentsClientHttpRequestFactory.class);
    }

    @Test
    void detectFallsBackToTheJdkClientWithoutHttpClient5() {
        assertThat(RequestFactories.resolve(HttpTransport.DETECT, WITHOUT_HTTP_COMPONENTS))
            .isEqualTo(HttpTransport.JDK);
        assertThat(create(HttpTransport.DETECT, WITHOUT_HTTP_COMPONENTS))
            .isInstanceOf(JdkTransport.RequestFactory.class);
    }

    @Test
    void theJdkClientCanBeChosenWhileHttpClient5IsOnTheClassPath() {
        assertThat(create(HttpTransport.JDK, WITH_HTTP_COMPONENTS)).isInstanceOf(JdkTransport.RequestFactory.class);
    }

    @Test
    void httpClient5ChosenButMissingIsExplained() {
        assertThatIllegalStateException()
            .isThrownBy(() -> create(HttpTransport.HTTP_COMPONENTS, WITHOUT_HTTP_COMPONENTS))
            .withMessageContaining("org.apache.httpcomponents.client5:httpclient5");
    }

    private static Object create(HttpTransport transport, ClassLoader classLoader) {
        return RequestFactories.create(transport, Duration.ofSeconds(1), Duration.ofSeconds(1), 10, classLoader);
    }

}
