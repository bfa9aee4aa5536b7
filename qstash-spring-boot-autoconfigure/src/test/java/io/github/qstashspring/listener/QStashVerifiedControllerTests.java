package io.github.qstashspring.listener;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.qstashspring.signature.QStashSigner;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written {@code @PostMapping} methods protected with {@link QStashVerified}. */
@ListenerIntegrationTest
class QStashVerifiedControllerTests extends ListenerIntegrationTestSupport {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void validSignatureReachesTheControllerWhichStillReadsTheRawFormBody(Transport transport) throws Exception {
        byte[] form = Deliveries.utf8("a=1&b=%C3%A9+x");
        String url = transport.baseUrl(targets()) + "/webhooks/echo";

        Transport.Reply reply = transport.post(targets(), "/webhooks/echo", form,
                Deliveries.signed(url, form, "application/x-www-form-urlencoded"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(form);
        assertThat(this.invocations.of("echo")).singleElement().isEqualTo(form);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void formParametersOfAVerifiedPostAreReadableToo(Transport transport) throws Exception {
        byte[] form = Deliveries.utf8("a=1&b=%C3%A9+x&b=2");
        String url = transport.baseUrl(targets()) + "/webhooks/form?b=q";

        Transport.Reply reply = transport.post(targets(), "/webhooks/form?b=q", form,
                Deliveries.signed(url, form, "application/x-www-form-urlencoded"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("1|[q, \u00e9 x, 2]");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void validSignatureReachesAControllerBindingJson(Transport transport) throws Exception {
        byte[] json = Deliveries.utf8("{\"id\":\"5\",\"quantity\":2}");
        String url = transport.baseUrl(targets()) + "/webhooks/order";

        Transport.Reply reply = transport.post(targets(), "/webhooks/order", json,
                Deliveries.signed(url, json, "application/json"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("{\"id\":\"5\",\"status\":\"verified\"}");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void wrongKeyIsRejectedBeforeTheControllerRuns(Transport transport) throws Exception {
        byte[] body = Deliveries.utf8("hello");
        String url = transport.baseUrl(targets()) + "/webhooks/echo";
        Map<String, String> headers = Deliveries.headers(
                new QStashSigner("sig_3nbHkQXCFoMuWKpCPVgMzqw4Hfb2").sign(url, body), "text/plain",
                Deliveries.newMessageId(), 0);

        Transport.Reply reply = transport.post(targets(), "/webhooks/echo", body, headers);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text()).isEqualTo("{\"error\":\"Invalid Upstash-Signature: SIGNATURE\"}");
        assertThat(this.invocations.of("echo")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void missingSignatureIsRejectedBeforeTheControllerRuns(Transport transport) throws Exception {
        Transport.Reply reply = transport.post(targets(), "/webhooks/echo", Deliveries.utf8("hello"),
                Map.of("Content-Type", "text/plain"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(this.invocations.of("echo")).isEmpty();
    }

}
