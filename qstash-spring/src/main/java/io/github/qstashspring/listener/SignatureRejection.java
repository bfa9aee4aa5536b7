package io.github.qstashspring.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.commons.logging.LogFactory;

import io.github.qstashspring.signature.QStashSignatureException;

/**
 * The {@code 401} answer to a request whose signature did not verify. The body names the
 * failed check (for example {@code BODY} or {@code URL}) so that a misconfigured proxy
 * shows up in QStash's logs; the details, which may contain URLs, go to the application
 * log only, sanitised and at most a few {@code WARN} lines a minute.
 */
final class SignatureRejection {

    static final int STATUS = 401;

    /** At most this many WARN lines a minute; each rejection's details at DEBUG. */
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(20);

    private static final RejectionLog log = new RejectionLog(LogFactory.getLog(SignatureRejection.class),
            WARNING_INTERVAL);

    private SignatureRejection() {
    }

    static byte[] body(String where, QStashSignatureException ex) {
        reject(where, ex.reason() + " - " + ex.getMessage());
        return ("{\"error\":\"Invalid Upstash-Signature: " + ex.reason() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Logs a rejected request, sanitised and rate-limited (see {@link RejectionLog}).
     * @param where what was addressed
     * @param detail why it was rejected
     */
    static void reject(String where, String detail) {
        log.reject(where, detail);
    }

}
