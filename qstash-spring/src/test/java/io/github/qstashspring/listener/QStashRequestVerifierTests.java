package io.github.qstashspring.listener;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ForwardedHeaderFilter;

import io.github.qstashspring.signature.QStashSignatureException;
import io.github.qstashspring.signature.QStashSignatureException.Reason;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import io.github.qstashspring.signature.QStashSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Which URL the {@code sub} claim is checked against, behind proxies and tunnels. */
class QStashRequestVerifierTests {

    private static final String KEY = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    private static final String PUBLIC_URL = "https://my-app.example.com/hooks/orders?tenant=a%20b";

    private final QStashSignatureVerifier verifier = QStashSignatureVerifier.builder().currentSigningKey(KEY).build();

    @Test
    void configuredBaseUrlReplacesTheInternalSchemeHostAndPort() {
        QStashRequestVerifier requestVerifier = new QStashRequestVerifier(() -> this.verifier,
                "https://my-app.example.com/", true);
        MockHttpServletRequest request = internalRequest(PUBLIC_URL);

        assertThat(requestVerifier.publicUrl(request)).isEqualTo(PUBLIC_URL);
        assertThat(requestVerifier.verify(request, BODY).subject()).isEqualTo(PUBLIC_URL);
    }

    @Test
    void withoutBaseUrlTheInternalUrlDoesNotMatchTheSignature() {
        QStashRequestVerifier requestVerifier = new QStashRequestVerifier(() -> this.verifier, null, true);
        MockHttpServletRequest request = internalRequest(PUBLIC_URL);

        assertThat(requestVerifier.publicUrl(request)).isEqualTo("http://10.0.0.7:8080/hooks/orders?tenant=a%20b");
        assertThatExceptionOfType(QStashSignatureException.class)
            .isThrownBy(() -> requestVerifier.verify(request, BODY))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.URL));
    }

    @Test
    void forwardedHeadersGiveThePublicUrlWhenTheFrameworkStrategyIsOn() throws Exception {
        QStashRequestVerifier requestVerifier = new QStashRequestVerifier(() -> this.verifier, null, true);
        MockHttpServletRequest request = internalRequest(PUBLIC_URL);
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "my-app.example.com");
        request.addHeader("X-Forwarded-Port", "443");
        AtomicReference<HttpServletRequest> forwarded = new AtomicReference<>();

        new ForwardedHeaderFilter().doFilter(request, new MockHttpServletResponse(),
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest req,
                            jakarta.servlet.http.HttpServletResponse res) {
                        forwarded.set(req);
                    }
                }));

        assertThat(requestVerifier.publicUrl(forwarded.get())).isEqualTo(PUBLIC_URL);
        assertThat(requestVerifier.verify(forwarded.get(), BODY).subject()).isEqualTo(PUBLIC_URL);
    }

    @Test
    void urlCheckCanBeTurnedOff() {
        QStashRequestVerifier requestVerifier = new QStashRequestVerifier(() -> this.verifier, null, false);
        MockHttpServletRequest request = internalRequest("https://somewhere.else/entirely");

        assertThat(requestVerifier.verify(request, BODY).subject()).isEqualTo("https://somewhere.else/entirely");
    }

    @Test
    void urlCheckOffStillChecksTheBody() {
        QStashRequestVerifier requestVerifier = new QStashRequestVerifier(() -> this.verifier, null, false);
        MockHttpServletRequest request = internalRequest(PUBLIC_URL);

        assertThatExceptionOfType(QStashSignatureException.class)
            .isThrownBy(() -> requestVerifier.verify(request, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.BODY));
    }

    /**
     * A request as the app sees it behind a proxy: internal host and port, signed for
     * {@code signedFor}.
     */
    private static MockHttpServletRequest internalRequest(String signedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/hooks/orders");
        request.setScheme("http");
        request.setServerName("10.0.0.7");
        request.setServerPort(8080);
        request.setQueryString("tenant=a%20b");
        request.setContent(BODY);
        request.addHeader("Upstash-Signature", new QStashSigner(KEY).sign(signedFor, BODY));
        return request;
    }

}
