package io.github.qstashspring.listener;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.qstashspring.signature.QStashSigner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a sender cannot do to a receiving application, over real HTTP: make it buffer
 * requests that go to no QStash handler, forge or flood its log, or run a
 * {@code skipDuplicates} listener twice for one message.
 */
@ListenerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ListenerReceiverHardeningTests extends ListenerIntegrationTestSupport {

    private static final String REJECTIONS = SignatureRejection.class.getName();

    @Autowired
    private TestListeners listeners;

    @Test
    void aSignedRequestToAnotherPathIsNotBufferedButLeftToTheApplication() throws Exception {
        byte[] large = new byte[100 * 1024];
        String url = Transport.HTTP.baseUrl(targets()) + "/app/hello";

        Transport.Reply reply = Transport.HTTP.post(targets(), "/app/hello", large,
                Deliveries.signed(url, large, "application/octet-stream"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text()).doesNotContain("max-body-size");
    }

    @Test
    void aForgedAlgorithmCannotWriteLinesIntoTheLog(CapturedOutput output) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel(REJECTIONS, LogLevel.DEBUG);
        try {
            String header = base64("{\"alg\":\"none\\r\\nERROR FORGED by an attacker\",\"typ\":\"JWT\"}");
            String forged = header + "." + base64("{\"iss\":\"Upstash\"}") + ".c2ln";

            Transport.Reply reply = post("/hooks/text", forged, Deliveries.newMessageId());

            assertThat(reply.status()).isEqualTo(401);
            assertThat(output.getOut()).contains("none\\u000d\\u000aERROR FORGED by an attacker")
                .doesNotContainPattern("(?m)^ERROR FORGED");
        }
        finally {
            logging.setLogLevel(REJECTIONS, null);
        }
    }

    @Test
    void manyRejectionsWriteAtMostOneWarning(CapturedOutput output) throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(post("/hooks/text", "not-a-jwt", Deliveries.newMessageId()).status()).isEqualTo(401);
        }

        assertThat(output.getOut().lines().filter((line) -> line.contains("Rejected request to listener text")))
            .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aSecondDeliveryWhileTheFirstRunsIsRetriedNotRunNorAcknowledged() throws Exception {
        String messageId = Deliveries.newMessageId();
        this.listeners.holdRelease = new CountDownLatch(1);
        CompletableFuture<Transport.Reply> first = CompletableFuture.supplyAsync(() -> deliverHeld(messageId));
        assertThat(this.listeners.heldRunning.tryAcquire(30, TimeUnit.SECONDS)).isTrue();

        Transport.Reply concurrent = deliverHeld(messageId);
        this.listeners.holdRelease.countDown();

        assertThat(concurrent.status()).isEqualTo(409);
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(deliverHeld(messageId).status()).isEqualTo(200);
        assertThat(this.invocations.of("once-held")).containsExactly("held");
    }

    private Transport.Reply deliverHeld(String messageId) {
        try {
            String url = Transport.HTTP.baseUrl(targets()) + "/hooks/once-held";
            byte[] body = Deliveries.utf8("held");
            return post("/hooks/once-held", new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, body),
                    messageId);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Transport.Reply post(String path, String signature, String messageId) throws Exception {
        byte[] body = Deliveries.utf8("held");
        Map<String, String> headers = Deliveries.headers(signature, "text/plain", messageId, 0);
        return Transport.HTTP.post(targets(), path, body, headers);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
