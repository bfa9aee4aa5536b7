package io.github.qstashspring.client;

import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two wire properties the client depends on, checked for the default HTTP layer and for
 * Apache HttpClient 5 (which the documentation names as a working replacement): the destination
 * stays raw in the path, and DELETE carries a JSON body.
 */
class RequestFactoryCompatibilityTests extends WireMockQStash {

    static Stream<Arguments> requestFactories() {
        return Stream.of(Arguments.of("JDK HttpClient (default)", null),
                Arguments.of("Apache HttpClient 5", new HttpComponentsClientHttpRequestFactory()));
    }

    private QStashTemplate templateWith(ClientHttpRequestFactory requestFactory) {
        return (requestFactory != null) ? templateBuilder().requestFactory(requestFactory).build() : this.template;
    }

    private LoggedRequest onlyRequest() {
        assertThat(this.qstash.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
        return this.qstash.findAll(anyRequestedFor(anyUrl())).get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestFactories")
    void destinationWithQueryAndDoubleSlashesArrivesRaw(String name, ClientHttpRequestFactory requestFactory) {
        this.qstash.stubFor(any(anyUrl()).willReturn(okJson("{\"messageId\":\"m\"}")));

        templateWith(requestFactory).publish(PublishRequest.to("https://x.test//a/../b?b=1&c=%20").body("x"));

        assertThat(onlyRequest().getUrl()).isEqualTo("/v2/publish/https://x.test//a/../b?b=1&c=%20");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestFactories")
    void deleteCarriesAJsonBody(String name, ClientHttpRequestFactory requestFactory) {
        this.qstash.stubFor(any(anyUrl()).willReturn(okJson("{}")));

        templateWith(requestFactory).urlGroups().removeEndpoints("grp", Endpoint.named("ep1"));

        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("DELETE");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBodyAsString()).isEqualTo("{\"endpoints\":[{\"name\":\"ep1\"}]}");
    }
}
