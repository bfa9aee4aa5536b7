package io.github.qstashspring.listener;

import java.util.Map;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.github.qstashspring.signature.QStashSigner;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;

/**
 * One observation per delivery, tagged with listener, outcome and whether it is a
 * redelivery.
 */
@ListenerIntegrationTest
class ListenerObservationTests extends ListenerIntegrationTestSupport {

    @Autowired
    private TestObservationRegistry registry;

    @BeforeEach
    void clearObservations() {
        this.registry.clear();
    }

    @Test
    void successfulRedeliveryIsObserved() throws Exception {
        deliver("/hooks/text", "hi", 3, true);

        assertThat(this.registry).hasObservationWithNameEqualTo("qstash.listener")
            .that()
            .hasContextualNameEqualTo("qstash receive text")
            .hasLowCardinalityKeyValue("qstash.listener", "text")
            .hasLowCardinalityKeyValue("qstash.outcome", "success")
            .hasLowCardinalityKeyValue("qstash.redelivery", "true")
            .hasLowCardinalityKeyValue("http.status", "200")
            .hasHighCardinalityKeyValue("qstash.retried", "3")
            .hasBeenStopped();
    }

    @Test
    void listenerIsAnOrdinaryMvcRouteInHttpServerObservations() throws Exception {
        deliver("/hooks/text", "hi", 0, true);

        assertThat(this.registry).hasObservationWithNameEqualTo("http.server.requests")
            .that()
            .hasLowCardinalityKeyValue("uri", "/hooks/text")
            .hasLowCardinalityKeyValue("status", "200");
    }

    @Test
    void failureIsObservedWithItsOutcomeAndError() throws Exception {
        deliver("/hooks/fail", "reject", 0, true);

        assertThat(this.registry).hasObservationWithNameEqualTo("qstash.listener")
            .that()
            .hasLowCardinalityKeyValue("qstash.outcome", "non_retryable")
            .hasLowCardinalityKeyValue("qstash.redelivery", "false")
            .hasLowCardinalityKeyValue("http.status", "489")
            .assertThatError()
            .isInstanceOf(QStashNonRetryableException.class);
    }

    @Test
    void rejectedSignatureIsObserved() throws Exception {
        deliver("/hooks/fail", "fine", 0, false);

        assertThat(this.registry).hasObservationWithNameEqualTo("qstash.listener")
            .that()
            .hasLowCardinalityKeyValue("qstash.outcome", "rejected")
            .hasLowCardinalityKeyValue("http.status", "401");
    }

    private void deliver(String path, String body, int retried, boolean validSignature) throws Exception {
        Transport.Targets targets = targets();
        byte[] bytes = Deliveries.utf8(body);
        String url = Transport.MOCK_MVC.baseUrl(targets) + path;
        String key = validSignature ? ListenerTestApplication.CURRENT_KEY : "sig_3nbHkQXCFoMuWKpCPVgMzqw4Hfb2";
        Map<String, String> headers = Deliveries.headers(new QStashSigner(key).sign(url, bytes), "text/plain",
                Deliveries.newMessageId(), retried);
        Transport.MOCK_MVC.post(targets, path, bytes, headers);
    }

}
