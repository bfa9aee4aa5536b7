package io.github.qstashspring.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The {@code body} claim: unpadded base64url of the SHA-256 of the raw body bytes. */
final class BodyHash {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private BodyHash() {
    }

    static String of(byte[] body) {
        return ENCODER.encodeToString(sha256(body));
    }

    /**
     * Compares a {@code body} claim (padded or not) with the hash of {@code body} in
     * constant time.
     */
    static boolean matches(String claim, byte[] body) {
        String unpadded = stripPadding(claim);
        return MessageDigest.isEqual(unpadded.getBytes(StandardCharsets.US_ASCII),
                of(body).getBytes(StandardCharsets.US_ASCII));
    }

    private static String stripPadding(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '=') {
            end--;
        }
        return value.substring(0, end);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

}
