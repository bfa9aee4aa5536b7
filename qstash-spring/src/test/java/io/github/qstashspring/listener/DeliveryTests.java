package io.github.qstashspring.listener;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import io.github.qstashspring.signature.QStashSignatureClaims;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata of a delivery: read from the request's headers, the full message built
 * once.
 */
class DeliveryTests {

    private static final byte[] BODY = "caf\u00e9".getBytes(StandardCharsets.UTF_8);

    private static final QStashSignatureClaims CLAIMS = new QStashSignatureClaims("https://app.test/hooks", null,
            Instant.parse("2026-11-22T10:05:00Z"), "jwt_1", false);

    @Test
    void messageIdAndRetriedComeFromTheHeaders() {
        MockHttpServletRequest request = request();
        request.addHeader("upstash-message-id", "msg_7");
        request.addHeader("Upstash-Retried", " 2 ");

        Delivery delivery = new Delivery(request, BODY, CLAIMS);

        assertThat(delivery.messageId()).isEqualTo("msg_7");
        assertThat(delivery.retried()).isEqualTo(2);
        assertThat(delivery.body()).isSameAs(BODY);
        assertThat(delivery.claims()).isSameAs(CLAIMS);
    }

    @Test
    void missingOrInvalidRetriedCountsAsFirstAttempt() {
        assertThat(new Delivery(request(), BODY, CLAIMS).retried()).isZero();
        MockHttpServletRequest invalid = request();
        invalid.addHeader(QStashMessage.RETRIED_HEADER, "twice");
        assertThat(new Delivery(invalid, BODY, CLAIMS).retried()).isZero();
        MockHttpServletRequest negative = request();
        negative.addHeader(QStashMessage.RETRIED_HEADER, "-3");
        assertThat(new Delivery(negative, BODY, CLAIMS).retried()).isZero();
    }

    @Test
    void messageCarriesEveryHeaderAndIsBuiltOnce() {
        MockHttpServletRequest request = request();
        request.addHeader(QStashMessage.MESSAGE_ID_HEADER, "msg_8");
        request.addHeader(QStashMessage.RETRIED_HEADER, "1");
        request.addHeader(QStashMessage.SCHEDULE_ID_HEADER, "scd_1");
        request.addHeader(QStashMessage.URL_GROUP_HEADER, "orders");
        request.addHeader(QStashMessage.CALLER_IP_HEADER, "10.0.0.1");
        request.addHeader(QStashMessage.REGION_HEADER, "EU-CENTRAL-1");
        request.addHeader("X-Custom", "a");
        request.addHeader("X-Custom", "b");
        Delivery delivery = new Delivery(request, BODY, CLAIMS);

        QStashMessage<byte[]> message = delivery.message();

        assertThat(message.payload()).isSameAs(BODY);
        assertThat(message.messageId()).isEqualTo("msg_8");
        assertThat(message.retried()).isEqualTo(1);
        assertThat(message.scheduleId()).isEqualTo("scd_1");
        assertThat(message.urlGroup()).isEqualTo("orders");
        assertThat(message.callerIp()).isEqualTo("10.0.0.1");
        assertThat(message.region()).isEqualTo("EU-CENTRAL-1");
        assertThat(message.headers().get("x-custom")).containsExactly("a", "b");
        assertThat(message.signature()).isSameAs(CLAIMS);
        assertThat(delivery.message()).isSameAs(message);
    }

    @Test
    void charsetComesFromTheContentTypeAndDefaultsToUtf8() {
        MockHttpServletRequest latin1 = request();
        latin1.addHeader("Content-Type", "text/plain; charset=ISO-8859-1");
        assertThat(new Delivery(latin1, BODY, CLAIMS).charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        MockHttpServletRequest none = request();
        none.addHeader("Content-Type", "text/plain");
        assertThat(new Delivery(none, BODY, CLAIMS).charset()).isEqualTo(StandardCharsets.UTF_8);
        MockHttpServletRequest invalid = request();
        invalid.addHeader("Content-Type", "not a media type");
        assertThat(new Delivery(invalid, BODY, CLAIMS).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    private static MockHttpServletRequest request() {
        return new MockHttpServletRequest("POST", "/hooks");
    }

}
