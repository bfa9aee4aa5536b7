package io.github.qstashspring.client;

import java.net.http.HttpClient;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two wire properties the client depends on, checked for the transport under test and
 * for request factories a user may pass to {@code requestFactory(...)} (which the
 * documentation names as working replacements): the destination stays raw in the path,
 * and DELETE carries a JSON body.
 */
class RequestFactoryCompatibilityTests extends WireMockQStash {

    static Stream<Arguments> requestFactories() {
        Supplier<@Nullable ClientHttpRequestFactory> transportUnderTest = () -> null;
        Supplier<ClientHttpRequestFactory> plainHttpComponents = HttpComponentsClientHttpRequestFactory::new;
        Supplier<ClientHttpRequestFactory> plainJdk = () -> new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        return Stream.of(Arguments.of("the transport's own", transportUnderTest),
                Arguments.of("a plain HttpComponentsClientHttpRequestFactory", plainHttpComponents),
                Arguments.of("a plain JdkClientHttpRequestFactory", plainJdk));
    }

    private QStashTemplate templateWith(Supplier<@Nullable ClientHttpRequestFactory> factory) {
        ClientHttpRequestFactory requestFactory = factory.get();
        return (requestFactory != null) ? templateBuilder().requestFactory(requestFactory).build() : this.template;
    }

    private LoggedRequest onlyRequest() {
        assertThat(this.qstash.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
        return this.qstash.findAll(anyRequestedFor(anyUrl())).get(0);
    }

    @ParameterizedTest(name = "{0} request factory")
    @MethodSource("requestFactories")
    void destinationWithQueryAndDoubleSlashesArrivesRaw(String name,
            Supplier<@Nullable ClientHttpRequestFactory> requestFactory) {
        this.qstash.stubFor(any(anyUrl()).willReturn(okJson("{\"messageId\":\"m\"}")));

        templateWith(requestFactory).publish(PublishRequest.to("https://x.test//a/../b?b=1&c=%20").body("x"));

        assertThat(onlyRequest().getUrl()).isEqualTo("/v2/publish/https://x.test//a/../b?b=1&c=%20");
    }

    @ParameterizedTest(name = "{0} request factory")
    @MethodSource("requestFactories")
    void deleteCarriesAJsonBody(String name, Supplier<@Nullable ClientHttpRequestFactory> requestFactory) {
        this.qstash.stubFor(any(anyUrl()).willReturn(okJson("{}")));

        templateWith(requestFactory).urlGroups().removeEndpoints("grp", Endpoint.named("ep1"));

        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("DELETE");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBodyAsString()).isEqualTo("{\"endpoints\":[{\"name\":\"ep1\"}]}");
    }

}
