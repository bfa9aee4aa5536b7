package io.github.qstashspring.listener;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The callback JSON in the documented form and in the alternative forms QStash's docs
 * show.
 */
class CallbackPayloadReaderTests {

    private final CallbackPayloadReader reader = new CallbackPayloadReader(JsonMapper.shared());

    @Test
    void readsPlainStringHeaderValuesAndQuotedTimestamps() {
        String json = """
                {"status":"500","header":{"Retry-After":"30"},"body":"","retried":"3","maxRetries":3,
                 "sourceMessageId":"msg_1","sourceHeader":{"Content-Type":"text/plain"},
                 "sourceBody":"%s","notBefore":"1701198458025","createdAt":"1701198447054"}
                """.formatted(Base64.getEncoder().encodeToString("\u00e7a va".getBytes(StandardCharsets.UTF_8)));

        QStashCallbackPayload payload = this.reader.read(json.getBytes(StandardCharsets.UTF_8));

        assertThat(payload.status()).isEqualTo(500);
        assertThat(payload.isSuccess()).isFalse();
        assertThat(payload.isFailureCallback()).isFalse();
        assertThat(payload.header()).containsEntry("Retry-After", List.of("30"));
        assertThat(payload.sourceHeader()).containsEntry("Content-Type", List.of("text/plain"));
        assertThat(payload.body()).isEmpty();
        assertThat(payload.sourceBodyAsString()).isEqualTo("\u00e7a va");
        assertThat(payload.retried()).isEqualTo(3);
        assertThat(payload.notBefore()).isEqualTo(Instant.ofEpochMilli(1701198458025L));
        assertThat(payload.createdAt()).isEqualTo(Instant.ofEpochMilli(1701198447054L));
        assertThat(payload.topicName()).isNull();
    }

    @Test
    void readsUrlSafeBase64() {
        byte[] bytes = { (byte) 0xFB, (byte) 0xFF, 0x3E };
        String json = "{\"status\":200,\"body\":\"" + Base64.getUrlEncoder().encodeToString(bytes) + "\"}";

        assertThat(this.reader.read(json.getBytes(StandardCharsets.UTF_8)).body()).isEqualTo(bytes);
    }

    @Test
    void rejectsBodyThatIsNotBase64AsNonRetryable() {
        assertThatExceptionOfType(QStashPayloadConversionException.class)
            .isThrownBy(() -> this.reader.read("{\"body\":\"***\"}".getBytes(StandardCharsets.UTF_8)))
            .withMessageContaining("'body'");
    }

    @Test
    void rejectsNonNumericStatusAsNonRetryable() {
        assertThatExceptionOfType(QStashPayloadConversionException.class)
            .isThrownBy(() -> this.reader.read("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8)))
            .withMessageContaining("'status'");
    }

}
