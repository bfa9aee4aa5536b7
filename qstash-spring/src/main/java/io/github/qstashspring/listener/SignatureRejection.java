package io.github.qstashspring.listener;

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.qstashspring.signature.QStashSignatureException;

/**
 * The {@code 401} answer to a request whose signature did not verify. The body names the
 * failed check (for example {@code BODY} or {@code URL}) so that a misconfigured proxy
 * shows up in QStash's logs; the details, which may contain URLs, go to the application
 * log only.
 */
final class SignatureRejection {

    static final int STATUS = 401;

    private static final Log logger = LogFactory.getLog(SignatureRejection.class);

    private SignatureRejection() {
    }

    static byte[] body(String where, QStashSignatureException ex) {
        logger.warn("Rejected request to " + where + ": " + ex.reason() + " - " + ex.getMessage());
        return ("{\"error\":\"Invalid Upstash-Signature: " + ex.reason() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

}
