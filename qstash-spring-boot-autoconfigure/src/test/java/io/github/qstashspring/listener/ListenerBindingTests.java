package io.github.qstashspring.listener;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import io.github.qstashspring.signature.QStashSignatureClaims;
import io.github.qstashspring.signature.QStashSigner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every parameter type a listener can declare, bound from a signed delivery, through
 * MockMvc and through a real server.
 */
@ListenerIntegrationTest
class ListenerBindingTests extends ListenerIntegrationTestSupport {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void recordIsReadFromJsonAndReturnedValueIsTheJsonResponseBody(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/order", "{\"id\":\"7\",\"quantity\":3}", "application/json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().getContentType()).hasToString("application/json");
        assertThat(reply.text()).isEqualTo("{\"id\":\"7\",\"status\":\"accepted\"}");
        assertThat(this.invocations.of("order")).containsExactly(new TestListeners.Order("7", 3));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void returnedValueIsSentWhateverTheAcceptHeaderSays(Transport transport) throws Exception {
        byte[] body = Deliveries.utf8("{\"id\":\"8\",\"quantity\":1}");
        String url = transport.baseUrl(targets()) + "/hooks/order";
        Map<String, String> headers = Deliveries.signed(url, body, "application/json");
        headers.put("Accept", "text/plain");

        Transport.Reply reply = transport.post(targets(), "/hooks/order", body, headers);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("{\"id\":\"8\",\"status\":\"accepted\"}");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stringIsDecodedAsUtf8ByDefaultAndReturnedStringIsTheResponseBody(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/text", "caf\u00e9 \u2615 \ud83d\ude80", "text/plain");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().getContentType()).hasToString("text/plain;charset=UTF-8");
        assertThat(reply.text()).isEqualTo("got 9 chars");
        assertThat(this.invocations.of("text")).containsExactly("caf\u00e9 \u2615 \ud83d\ude80");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stringHonoursTheCharsetOfTheContentType(Transport transport) throws Exception {
        byte[] latin1 = "na\u00efve".getBytes(StandardCharsets.ISO_8859_1);
        Transport.Reply reply = sendBytes(transport, "/hooks/text", latin1, "text/plain;charset=ISO-8859-1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(this.invocations.of("text")).containsExactly("na\u00efve");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bytesAreTheRawBody(Transport transport) throws Exception {
        byte[] body = { 1, 2, 3, (byte) 0xFF };
        Transport.Reply reply = sendBytes(transport, "/hooks/raw", body, "application/octet-stream");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        assertThat(this.invocations.of("raw")).singleElement().isEqualTo(body);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void jsonTreeIsParsed(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/tree", "{\"a\":[1,2],\"b\":{\"c\":\"d\"}}", "application/json");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode tree = (JsonNode) this.invocations.of("tree").get(0);
        assertThat(tree.get("a").size()).isEqualTo(2);
        assertThat(tree.get("b").get("c").asString()).isEqualTo("d");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void messageCarriesPayloadAndDeliveryMetadata(Transport transport) throws Exception {
        String path = "/hooks/message";
        byte[] body = Deliveries.utf8("{\"id\":\"9\",\"quantity\":1}");
        String url = transport.baseUrl(targets()) + path;
        Map<String, String> headers = Deliveries.headers(
                new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, body), "application/json", "msg_123",
                2);
        headers.put("Upstash-Schedule-Id", "scd_42");
        headers.put("Upstash-Topic-Name", "orders-group");
        headers.put("Upstash-Caller-Ip", "203.0.113.9");
        headers.put("Upstash-Region", "EU-CENTRAL-1");
        headers.put("X-Tenant", "acme");

        Transport.Reply reply = transport.post(targets(), path, body, headers);

        assertThat(reply.status()).isEqualTo(200);
        List<Object> received = this.invocations.of("message");
        @SuppressWarnings("unchecked")
        QStashMessage<TestListeners.Order> message = (QStashMessage<TestListeners.Order>) received.get(0);
        assertThat(message.payload()).isEqualTo(new TestListeners.Order("9", 1));
        assertThat(message.messageId()).isEqualTo("msg_123");
        assertThat(message.retried()).isEqualTo(2);
        assertThat(message.isRedelivery()).isTrue();
        assertThat(message.scheduleId()).isEqualTo("scd_42");
        assertThat(message.urlGroup()).isEqualTo("orders-group");
        assertThat(message.callerIp()).isEqualTo("203.0.113.9");
        assertThat(message.region()).isEqualTo("EU-CENTRAL-1");
        assertThat(message.headers().getFirst("x-tenant")).isEqualTo("acme");
        assertThat(message.signature().subject()).isEqualTo(url);
        assertThat((HttpHeaders) received.get(1)).isEqualTo(message.headers());
        assertThat((QStashSignatureClaims) received.get(2)).isEqualTo(message.signature());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void callbackPayloadHasBodiesDecodedAsUtf8(Transport transport) throws Exception {
        String responseBody = "{\"status\":\"h\u00e9llo \u2615\"}";
        String sourceBody = "{\"id\":\"7\",\"note\":\"\u00fcber\"}";
        String json = """
                {"status":201,"header":{"Content-Type":["application/json"]},"body":"%s","retried":2,
                 "maxRetries":3,"dlqId":"1725323658779-0","sourceMessageId":"msg_src","topicName":"grp",
                 "endpointName":"ep1","url":"https://dest.example/hook","method":"POST",
                 "sourceHeader":{"Upstash-Forward-X":["a","b"]},"sourceBody":"%s",
                 "notBefore":1701198458025,"createdAt":1701198447054,"scheduleId":"scd_1",
                 "callerIP":"178.247.74.179"}
                """.formatted(base64(responseBody), base64(sourceBody));

        Transport.Reply reply = send(transport, "/hooks/callback", json, "application/json");

        assertThat(reply.status()).isEqualTo(200);
        QStashCallbackPayload payload = (QStashCallbackPayload) this.invocations.of("callback").get(0);
        assertThat(payload.status()).isEqualTo(201);
        assertThat(payload.isSuccess()).isTrue();
        assertThat(payload.bodyAsString()).isEqualTo(responseBody);
        assertThat(payload.sourceBodyAsString()).isEqualTo(sourceBody);
        assertThat(payload.header()).containsEntry("Content-Type", List.of("application/json"));
        assertThat(payload.sourceHeader()).containsEntry("Upstash-Forward-X", List.of("a", "b"));
        assertThat(payload.retried()).isEqualTo(2);
        assertThat(payload.maxRetries()).isEqualTo(3);
        assertThat(payload.isFailureCallback()).isTrue();
        assertThat(payload.dlqId()).isEqualTo("1725323658779-0");
        assertThat(payload.sourceMessageId()).isEqualTo("msg_src");
        assertThat(payload.topicName()).isEqualTo("grp");
        assertThat(payload.endpointName()).isEqualTo("ep1");
        assertThat(payload.url()).isEqualTo("https://dest.example/hook");
        assertThat(payload.method()).isEqualTo("POST");
        assertThat(payload.notBefore()).isEqualTo(Instant.ofEpochMilli(1701198458025L));
        assertThat(payload.createdAt()).isEqualTo(Instant.ofEpochMilli(1701198447054L));
        assertThat(payload.scheduleId()).isEqualTo("scd_1");
        assertThat(payload.callerIp()).isEqualTo("178.247.74.179");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listenerRegisteredByAConfigurerBindsAndAnswersLikeAnAnnotatedOne(Transport transport) throws Exception {
        Transport.Reply reply = send(transport, "/hooks/plain", "{\"id\":\"3\",\"quantity\":4}", "application/json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("plain 3");
        assertThat(this.invocations.of("plain")).containsExactly(new TestListeners.Order("3", 4));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listenerRegisteredByAConfigurerRejectsForgedRequests(Transport transport) throws Exception {
        Transport.Reply reply = transport.post(targets(), "/hooks/plain",
                Deliveries.utf8("{\"id\":\"3\",\"quantity\":4}"), Map.of("Content-Type", "application/json"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(this.invocations.of("plain")).isEmpty();
    }

    private Transport.Reply send(Transport transport, String path, String body, String contentType) throws Exception {
        return sendBytes(transport, path, Deliveries.utf8(body), contentType);
    }

    private Transport.Reply sendBytes(Transport transport, String path, byte[] body, String contentType)
            throws Exception {
        String url = transport.baseUrl(targets()) + path;
        return transport.post(targets(), path, body, Deliveries.signed(url, body, contentType));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
