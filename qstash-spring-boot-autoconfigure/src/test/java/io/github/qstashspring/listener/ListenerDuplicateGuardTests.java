package io.github.qstashspring.listener;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.qstashspring.signature.QStashSigner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @QStashListener(skipDuplicates = true)} with the default in-memory store. */
@ListenerIntegrationTest
class ListenerDuplicateGuardTests extends ListenerIntegrationTestSupport {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void secondDeliveryOfAProcessedMessageIsAcknowledgedWithoutRunning(Transport transport) throws Exception {
        String messageId = Deliveries.newMessageId();

        assertThat(deliver(transport, messageId, 0, "first").status()).isEqualTo(200);
        assertThat(deliver(transport, messageId, 1, "first").status()).isEqualTo(200);

        assertThat(this.invocations.of("once")).containsExactly("first");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void otherMessageIdsRun(Transport transport) throws Exception {
        assertThat(deliver(transport, Deliveries.newMessageId(), 0, "a").status()).isEqualTo(200);
        assertThat(deliver(transport, Deliveries.newMessageId(), 0, "b").status()).isEqualTo(200);

        assertThat(this.invocations.of("once")).containsExactly("a", "b");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void failedAttemptIsNotRememberedSoTheRetryRuns(Transport transport) throws Exception {
        String messageId = Deliveries.newMessageId();

        assertThat(deliver(transport, messageId, 0, "fail-first").status()).isEqualTo(500);
        assertThat(deliver(transport, messageId, 1, "fail-first").status()).isEqualTo(200);
        assertThat(deliver(transport, messageId, 2, "fail-first").status()).isEqualTo(200);

        assertThat(this.invocations.of("once")).containsExactly("fail-first", "fail-first");
    }

    private Transport.Reply deliver(Transport transport, String messageId, int retried, String body) throws Exception {
        Transport.Targets targets = targets();
        byte[] bytes = Deliveries.utf8(body);
        String url = transport.baseUrl(targets) + "/hooks/once";
        return transport.post(targets, "/hooks/once", bytes,
                Deliveries.headers(new QStashSigner(ListenerTestApplication.CURRENT_KEY).sign(url, bytes), "text/plain",
                        messageId, retried));
    }

}
