package io.github.qstashspring.signature;

/**
 * Thrown when an {@code Upstash-Signature} does not verify. The message and
 * {@link #reason()} say which check failed; neither ever contains a signing key.
 */
public class QStashSignatureException extends RuntimeException {

    /** The check that rejected the request. */
    public enum Reason {

        /** No {@code Upstash-Signature} header (or an empty one). */
        MISSING,
        /** Not a well-formed compact JWS. */
        MALFORMED,
        /** The header names an algorithm other than HS256 (including {@code none}). */
        ALGORITHM,
        /** The HMAC matched neither the current nor the next signing key. */
        SIGNATURE,
        /** The {@code iss} claim is not {@code Upstash}. */
        ISSUER,
        /**
         * The {@code exp} claim is missing or in the past (beyond the clock tolerance).
         */
        EXPIRED,
        /** The {@code nbf} claim is in the future (beyond the clock tolerance). */
        NOT_YET_VALID,
        /** The {@code sub} claim is not the URL the request was received on. */
        URL,
        /** The {@code body} claim is not the SHA-256 of the bytes received. */
        BODY

    }

    private final Reason reason;

    /**
     * Creates the exception.
     * @param reason the check that failed
     * @param message what failed, without any key material
     */
    public QStashSignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * The check that failed.
     * @return the reason, never {@code null}
     */
    public Reason reason() {
        return this.reason;
    }

}
