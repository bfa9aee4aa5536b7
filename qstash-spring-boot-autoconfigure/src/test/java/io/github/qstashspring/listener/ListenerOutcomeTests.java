package io.github.qstashspring.listener;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statuses QStash acts on, for every way a listener can end, through MockMvc and
 * through a real server.
 */
@ListenerIntegrationTest
class ListenerOutcomeTests extends ListenerIntegrationTestSupport {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void normalReturnWithoutValueAcknowledgesWithEmptyOk(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/fail", "fine", "text/plain");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        assertThat(this.invocations.of("fail")).containsExactly("fine");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void exceptionAnswers500SoQStashRetriesWithoutLeakingTheMessage(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/fail", "boom", "text/plain");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.headers().containsHeader("Upstash-NonRetryable-Error")).isFalse();
        assertThat(reply.text()).isEqualTo("{\"error\":\"Listener failed: IllegalStateException\"}");
        assertThat(this.invocations.of("fail")).containsExactly("boom");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void nonRetryableExceptionAnswers489WithTheNonRetryableHeader(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/fail", "reject", "text/plain");

        assertThat(reply.status()).isEqualTo(489);
        assertThat(reply.headers().getFirst("Upstash-NonRetryable-Error")).isEqualTo("true");
        assertThat(reply.text()).isEqualTo("{\"error\":\"order 7 is cancelled\"}");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void invalidJsonIsNotRetriedAndTheMethodDoesNotRun(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/order", "{not json", "application/json");

        assertThat(reply.status()).isEqualTo(489);
        assertThat(reply.headers().getFirst("Upstash-NonRetryable-Error")).isEqualTo("true");
        assertThat(reply.text()).startsWith("{\"error\":\"Body cannot be read as Order");
        assertThat(this.invocations.of("order")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void jsonOfTheWrongShapeIsNotRetriedAndTheMethodDoesNotRun(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/order", "{\"id\":\"7\",\"quantity\":\"many\"}",
                "application/json");

        assertThat(reply.status()).isEqualTo(489);
        assertThat(this.invocations.of("order")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void callbackThatIsNotJsonIsNotRetried(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/callback", "[1,2]", "application/json");

        assertThat(reply.status()).isEqualTo(489);
        assertThat(this.invocations.of("callback")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void errorHandlerBeanChangesTheMapping(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/fail", "handled", "text/plain");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.text()).isEqualTo("already handled");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void returnedResponseEntityIsSentAsIs(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/entity", "abc", "text/plain");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.headers().getFirst("X-Seen")).isEqualTo("abc");
        assertThat(reply.text()).isEqualTo("queued");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void invalidSignatureAnswers401AndTheMethodDoesNotRun(Transport transport) throws Exception {
        String url = transport.baseUrl(targets()) + "/hooks/order";
        byte[] signed = Deliveries.utf8("{\"id\":\"7\",\"quantity\":3}");
        Transport.Reply reply = transport.post(targets(), "/hooks/order",
                Deliveries.utf8("{\"id\":\"8\",\"quantity\":3}"), Deliveries.signed(url, signed, "application/json"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text()).isEqualTo("{\"error\":\"Invalid Upstash-Signature: BODY\"}");
        assertThat(this.invocations.of("order")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bodyAboveTheMaximumSizeAnswers413AndTheMethodDoesNotRun(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/text", "x".repeat(64 * 1024 + 1), "text/plain");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.text()).contains("qstash.listener.max-body-size");
        assertThat(this.invocations.of("text")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bodyOfExactlyTheMaximumSizeIsAccepted(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/text", "x".repeat(64 * 1024), "text/plain");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(this.invocations.of("text")).hasSize(1);
    }

    private Transport.Reply send(Transport transport, String path, String body, String contentType) throws Exception {
        byte[] bytes = Deliveries.utf8(body);
        String url = transport.baseUrl(targets()) + path;
        return transport.post(targets(), path, bytes, Deliveries.signed(url, bytes, contentType));
    }

}
