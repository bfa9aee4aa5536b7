package io.github.qstashspring.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How each {@link HttpTransport} exchanges with QStash beyond the API's own headers: it
 * is the client chosen, it follows no redirect, accepts compressed answers and keeps no
 * cookies.
 */
class HttpTransportTests extends WireMockQStash {

    private static final String KEYS = "{\"current\":\"sig_a\",\"next\":\"sig_b\"}";

    private List<LoggedRequest> requests() {
        return this.qstash.findAll(anyRequestedFor(anyUrl()));
    }

    @Test
    void theRequestsAreSentByTheChosenClient() {
        this.qstash.stubFor(get(urlEqualTo("/v2/keys")).willReturn(okJson(KEYS)));

        this.template.signingKeys().get();

        String userAgent = (this.transport == HttpTransport.HTTP_COMPONENTS) ? "Apache-HttpClient/"
                : "Java-http-client/";
        assertThat(requests()).singleElement()
            .satisfies((request) -> assertThat(request.getHeader("User-Agent")).startsWith(userAgent));
    }

    @Test
    void aRedirectIsAnErrorAndIsNotFollowed() {
        this.qstash.stubFor(get(urlEqualTo("/v2/keys"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/v2/elsewhere")));

        assertThatExceptionOfType(QStashApiException.class).isThrownBy(() -> this.template.signingKeys().get())
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(302));
        assertThat(requests()).hasSize(1);
    }

    @Test
    void compressedAnswersAreAcceptedAndDecoded() throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(KEYS.getBytes(StandardCharsets.UTF_8));
        }
        this.qstash
            .stubFor(get(urlEqualTo("/v2/keys")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withHeader("Content-Encoding", "gzip")
                .withBody(gzipped.toByteArray())));

        assertThat(this.template.signingKeys().get().next()).isEqualTo("sig_b");
        assertThat(requests().get(0).getHeader("Accept-Encoding")).contains("gzip");
    }

    @Test
    void cookiesSetByQStashAreNotSentBack() {
        this.qstash.stubFor(
                get(urlEqualTo("/v2/keys")).willReturn(okJson(KEYS).withHeader("Set-Cookie", "session=1; Path=/")));

        this.template.signingKeys().get();
        this.template.signingKeys().get();

        assertThat(requests()).hasSize(2).noneMatch((request) -> request.containsHeader("Cookie"));
    }

}
